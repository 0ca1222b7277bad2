import pytest


@pytest.mark.django_db
def test_health_without_a_worker_answers_503_and_names_the_worker(client, settings):
    settings.HEALTH_TOKEN = "monitor-token"
    response = client.get("/health/", headers={"X-Health-Token": "monitor-token"})

    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["redis"] == "ok"
    assert body["worker"].startswith("down")


@pytest.mark.django_db
def test_health_when_redis_is_down_answers_503(client, settings):
    settings.REDIS_URL = "unix:///nonexistent/redis.sock"
    settings.HEALTH_TOKEN = "monitor-token"

    response = client.get("/health/?token=monitor-token")

    assert response.status_code == 503
    assert response.json()["redis"].startswith("down")


@pytest.mark.integration
def test_health_with_database_redis_and_worker_up_answers_200(client, celery_worker, settings):
    settings.HEALTH_TOKEN = "monitor-token"
    response = client.get("/health/", headers={"X-Health-Token": "monitor-token"})

    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "worker": "ok"}
    assert response.status_code == 200


@pytest.mark.django_db
def test_health_public_shows_exception_names_only_to_staff_or_a_token(client, settings):
    settings.REDIS_URL = "unix:///nonexistent/redis.sock"
    settings.HEALTH_TOKEN = "monitor-token"

    anonymous = client.get("/health/")
    wrong_token = client.get("/health/?token=guess")

    assert anonymous.status_code == 503
    assert anonymous.json() == {"status": "down"}
    assert wrong_token.json() == {"status": "down"}
    assert "ConnectionError" not in anonymous.content.decode()


@pytest.mark.django_db
def test_health_worker_check_reads_a_heartbeat_that_expires(settings):
    """/health/ answers from the worker's heartbeat (written every 10 s, kept 30 s), not
    from a broadcast that waits a second: a worker that stops beating is down soon."""
    import redis

    from mentorship.celery import HEARTBEAT_TTL, heartbeat_alive, heartbeat_key, heartbeat_write

    heartbeat_write(["health-test-queue"], "worker@test")
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        assert heartbeat_alive("health-test-queue")
        assert not heartbeat_alive("another-queue")
        assert 0 < client.ttl(heartbeat_key("health-test-queue", "worker@test")) <= HEARTBEAT_TTL
    finally:
        client.delete(heartbeat_key("health-test-queue", "worker@test"))
    assert not heartbeat_alive("health-test-queue")
