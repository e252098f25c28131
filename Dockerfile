# The portal for production-like use (docker-compose.yml runs web, worker and beat from it).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/app/var

WORKDIR /app
RUN useradd --create-home --uid 1000 regie

# Dependencies first, so a code change does not reinstall them: the runtime half of the lock,
# exact versions with their hashes (the same uv.lock that `make install` and CI install from).
# The code runs from /app; pyproject.toml lists no packages to install.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .
# collectstatic needs settings, not a database or real secrets: values for this step only.
# The key is a throwaway one, random and long enough for the settings' check.
RUN DEBUG=0 DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
        python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/var/media \
    && chown -R regie:regie /app/var

USER regie
EXPOSE 8000
# gunicorn.conf.py: bind, workers, and forwarded headers only from TRUSTED_PROXY_IPS.
CMD ["gunicorn", "regie.wsgi:application", "--config", "gunicorn.conf.py"]
