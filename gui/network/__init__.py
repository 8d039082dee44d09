"""The network mode: one run session (config, data, worker, history) and its tab."""
from gui.network.network_mode import NetworkMode
from gui.network.session import RunSession

__all__ = ["NetworkMode", "RunSession"]
