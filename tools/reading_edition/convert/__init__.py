"""The converter from a captured page to the reading text, and ``edition init`` with the new
edition's files as templates (package data). The build never imports this package."""
