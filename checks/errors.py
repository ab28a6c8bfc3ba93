"""Errors raised by the checks stage; catch :class:`ChecksError`."""

from crosscheck.common.errors import ContractError as BaseContractError
from crosscheck.common.errors import CrosscheckError


class ChecksError(CrosscheckError):
    """Root of every error the checks stage raises on purpose."""


class ContractError(ChecksError, BaseContractError):
    """A whole frame breaks its stage contract (a programming error, not bad input)."""
