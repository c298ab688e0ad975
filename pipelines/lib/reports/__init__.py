"""The two documents: sources, chapters, assembly and rendering."""
