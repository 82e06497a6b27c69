"""Letters to the requesting State, rendered from templates in Markdown or HTML."""
