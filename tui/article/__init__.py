"""The article pane: text layout, cursor motion and the Line API view."""
