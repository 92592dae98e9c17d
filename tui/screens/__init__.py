"""Modal screens: the document picker, the label chooser and help."""
