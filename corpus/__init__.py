"""Documents: loading article files, canonical text, the sample corpus, spaCy analysis."""

from newsgloss.corpus.document import Document, document_id, short_id
from newsgloss.corpus.errors import CorpusError, UserError, printable
from newsgloss.corpus.loader import LoadResult, load_file, load_paths, sample_paths

__all__ = [
    "CorpusError",
    "Document",
    "LoadResult",
    "UserError",
    "document_id",
    "load_file",
    "load_paths",
    "printable",
    "sample_paths",
    "short_id",
]
