# Production image: the same code serves web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_STATIC_ROOT=/app/staticfiles

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock

COPY . .
RUN python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SECRET_KEY=build-only-not-used-at-run-time-0123456789abcdefghij DJANGO_SECURE=1 \
       python manage.py collectstatic --noinput -v0 \
    && useradd --create-home --uid 1000 mentorship \
    && mkdir -p /app/media && chown mentorship /app/media
USER mentorship

EXPOSE 8000
CMD ["gunicorn", "mentorship.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
