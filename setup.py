"""Install the repository's top-level folders as one package, ``newsgloss``.

The checkout keeps ``corpus/``, ``annotations/`` and ``tui/`` at its top; installed
(regularly or editable) they are ``newsgloss.corpus``, ``newsgloss.annotations`` and
``newsgloss.tui``, so nothing is installed under a name another distribution may own.
Metadata and dependencies live in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

SUBPACKAGES = ["corpus", "corpus.*", "annotations", "annotations.*", "tui", "tui.*"]
# Namespace discovery also finds folders of data only, such as the sample corpus.
FOUND = find_namespace_packages(include=SUBPACKAGES, exclude=["*.__pycache__"])

setup(
    package_dir={"newsgloss": "."},
    packages=["newsgloss." + name for name in FOUND],
    package_data={"newsgloss.corpus.sample": ["*.txt", "*.md"], "newsgloss.tui": ["*.tcss"]},
)
