"""The page benchmark's WSGI application (demo.bench_settings)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.bench_settings")
application = get_wsgi_application()
