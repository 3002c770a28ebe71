"""The checker, the annotation scaffold and the ``edition`` command line."""
