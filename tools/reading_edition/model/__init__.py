"""The model layer: diagnostics, the safety policy, front matter and the annotation model."""
