# The portal for production-like use (docker-compose.yml runs web, worker and beat from it).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/app/var

WORKDIR /app
RUN useradd --create-home --uid 1000 regie

# Dependencies first, so a code change does not reinstall them (pyproject lists no packages:
# `pip install .` installs the dependencies; the code runs from /app).
COPY pyproject.toml ./
RUN pip install .

COPY . .
# collectstatic needs settings, not a database or real secrets: values for this step only.
RUN DEBUG=0 SECRET_KEY=only-for-collectstatic DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/var/media \
    && chown -R regie:regie /app/var

USER regie
EXPOSE 8000
CMD ["gunicorn", "regie.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
