"""Shared helpers of the in-sandbox agent."""


class ToolError(Exception):
    """A failure the caller reports as a tool error (isError:true) with this message."""


def _ping(args, emit):
    return {"pong": True}


OPS = {"ping": _ping}
