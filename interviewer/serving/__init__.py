"""Serving several app processes: the proxy's configuration and the processes of `serve`."""
