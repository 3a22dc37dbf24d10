"""Errors a user can act on.

Every error the library raises for bad input or a broken environment is a ``WorkbenchError`` whose message
is one line saying what is wrong, where, and what to do. The CLI prints it and exits with code 2.
"""


class WorkbenchError(Exception):
    """A problem the user can fix; ``str(err)`` is the one-line message shown to them."""


class InputError(WorkbenchError):
    """A file or argument the user gave cannot be used."""


class ModelError(WorkbenchError):
    """A translation model is missing, broken or of the wrong language direction."""


class GlossaryError(WorkbenchError):
    """The glossary file cannot be read or an edit to it was refused."""


class POFileError(WorkbenchError):
    """A PO file on disk cannot be parsed; it is left untouched."""


class FileWriteError(WorkbenchError, OSError):
    """A file cannot be written (read-only, disk full); what was on disk is left as it was.

    It is an ``OSError`` too, so code that may go on without a file it writes (a cache) still does.
    """
