"""The text layer: the reading text, anchoring, fidelity to the witness, source lint, converter."""
