"""The load balancer's configuration (HAProxy), written from the topology it fronts.

One function renders it, for `interviewer serve` (workers on 127.0.0.1) and for the file
in `deploy/` (replicas by service name), so the two cannot drift apart.

What it does and why:
- **Sticky by cookie.** Gradio keeps an event's queue entry and its event stream in the
  process that took the event, so a browser must keep reaching the same worker: HAProxy
  inserts `interviewer_worker` (HttpOnly, SameSite=Lax) naming the worker; gradio_client
  keeps it too. New visitors are spread round-robin.
- **Failover.** A request to a worker that refuses the connection (it died) is retried on
  another at once (`option redispatch`, even when its cookie names the dead one); each
  worker's `/healthz` is also checked every 2 s (5 s to answer), three misses take it out. The state is in the database, so the interview goes on
  at the same turn there.
- **Limits at the door**, shared by every worker: connections and requests per client
  address (a stick table), the time a client may take to send its request headers
  (slow-loris), and a cap on connections per worker with a short queue.
- **X-Forwarded-For** is set by the proxy (a client's own is dropped first); workers trust it from 127.0.0.1 (or the proxy's
  network) only, so per-client limits in the app see the real address.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COOKIE = "interviewer_worker"


@dataclass(frozen=True)
class Backend:
    name: str  # the cookie's value for this worker
    address: str  # host:port


@dataclass(frozen=True)
class ProxyPlan:
    bind: str  # host:port the proxy listens on
    backends: tuple[Backend, ...]
    requests_per_10s: int = 1000  # per client address, every request (pages, assets, API)
    connections_per_client: int = 200
    max_connections_per_worker: int = 500
    max_connections: int = 4000  # in all; each takes two descriptors of the process limit
    stream_timeout_s: int = 3600  # event streams stay open while a model answers
    resolvers: tuple[str, ...] = field(default=())  # DNS for replicas named by service


def haproxy_config(plan: ProxyPlan) -> str:
    host, _, port = plan.bind.rpartition(":")
    bind = f"{host or '*'}:{port}"
    resolver = (
        "resolvers dns\n"
        + "".join(f"    nameserver ns{i} {address}\n" for i, address in enumerate(plan.resolvers))
        + "    hold valid 10s\n\n"
        if plan.resolvers
        else ""
    )
    server_options = f"check inter 2s fall 3 rise 2 maxconn {plan.max_connections_per_worker}" + (
        " resolvers dns init-addr last,libc,none" if plan.resolvers else ""
    )
    servers = "".join(
        f"    server {b.name} {b.address} cookie {b.name} {server_options}\n" for b in plan.backends
    )
    return f"""# Written by interviewer.serving.proxy: edit the topology, not this file.
global
    maxconn {plan.max_connections}

defaults
    mode http
    timeout connect 5s
    timeout client {plan.stream_timeout_s}s
    timeout server {plan.stream_timeout_s}s
    timeout http-request 10s
    timeout http-keep-alive 30s
    timeout queue 30s
    # A worker busy with a burst answers its health check late, not never: a tight check
    # timeout once took the only worker out under load. A dead one refuses the connection
    # at once, and `redispatch` moves its requests without waiting for the check.
    timeout check 5s

{resolver}frontend interviewer
    bind {bind}
    stick-table type ipv6 size 200k expire 60s store http_req_rate(10s),conn_cur
    http-request track-sc0 src
    http-request deny deny_status 429 if {{ sc_http_req_rate(0) gt {plan.requests_per_10s} }}
    http-request deny deny_status 429 if {{ sc_conn_cur(0) gt {plan.connections_per_client} }}
    http-request del-header X-Forwarded-For
    option forwardfor
    default_backend workers

backend workers
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option redispatch
    retries 2
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}"""


COMPOSE_REPLICAS = 2


def compose_plan(replicas: int = COMPOSE_REPLICAS) -> ProxyPlan:
    """The topology of `deploy/compose.yaml`: replicas `app1`..`appN` on their port 7860,
    found through Docker's DNS, the proxy on 7860 of its own."""
    return ProxyPlan(
        bind="*:7860",
        backends=tuple(Backend(f"w{i}", f"app{i}:7860") for i in range(1, replicas + 1)),
        resolvers=("127.0.0.11:53",),
    )
