"""Gunicorn settings for the portal: `gunicorn -c deploy/gunicorn.conf.py gmg_portal.wsgi`.

Every value can be set from the environment, so one file serves every app server.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads let a worker serve another request while one waits on PostgreSQL or Redis. Each thread keeps
# its own database connection (CONN_MAX_AGE), so an app server holds up to workers x threads of them.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
timeout = 30
graceful_timeout = 30
# Workers are replaced now and then, so that a slow leak can never grow for ever: at the benchmark's
# 2,300 pages a second, 20,000 requests meant a worker restarting every 45 s or so (bench/run.py).
max_requests = 100000
max_requests_jitter = 10000
# The portal logs every request itself, as JSON with its timing; gunicorn logs only its own errors.
accesslog = None
errorlog = "-"
# Gunicorn believes X-Forwarded-* only from these addresses. Django reads X-Forwarded-Proto itself
# (SECURE_PROXY_SSL_HEADER) whoever sends it, so an app server must be reachable by its proxy alone:
# bind it to 127.0.0.1 or a private address behind a firewall (docs/deployment.md).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Gunicorn 25+ otherwise opens a control socket under $HOME/.gunicorn, which a service user may not
# have, and which two app servers on one host would share.
control_socket_disable = True


def on_starting(server):
    """A (re)started app server may run new code and templates: end the page cache generation, so that no
    page built by the old code is served again, on any server."""
    import django

    django.setup()
    from core.generation import end_generation

    end_generation()
