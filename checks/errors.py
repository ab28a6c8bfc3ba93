"""Errors raised by the checks stage; callers catch :class:`ChecksError` to handle any of them."""


class ChecksError(Exception):
    """Root of every error the checks stage raises on purpose."""


class ContractError(ChecksError):
    """A whole frame breaks its stage contract (a programming error, not bad input)."""
