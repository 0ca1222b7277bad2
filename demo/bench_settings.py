"""Settings of the page benchmark's gunicorn: the site's, with the baseline page added."""

from mentorship.settings import *  # noqa: F403

ROOT_URLCONF = "demo.bench_urls"
