"""The compare view: two annotators' tags on one article, and adjudication."""
