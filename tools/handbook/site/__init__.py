"""The site door: render the linked model into plain Markdown files, then let the site builder
(mkdocs today) turn them into HTML. Nothing here uses the builder's plugin API."""
