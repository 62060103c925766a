# Fonder: the real bot with long polling. Data lives on the /data volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FONDER_DB=/data/fonder.db

RUN useradd --create-home --uid 10001 fonder && mkdir -p /data && chown fonder /data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY content ./content
COPY storage ./storage
# The same install the README's run command does, without the virtualenv.
RUN pip install --no-cache-dir .

USER fonder
VOLUME ["/data"]
ENTRYPOINT ["fonder", "run"]
