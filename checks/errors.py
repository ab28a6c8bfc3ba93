"""Errors raised by the checks stage; catch :class:`ChecksError`."""


class ChecksError(Exception):
    """Root of every error the checks stage raises on purpose."""


class ContractError(ChecksError):
    """A whole frame breaks its stage contract (a programming error, not bad input)."""
