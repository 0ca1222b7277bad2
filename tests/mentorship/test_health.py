import pytest


@pytest.mark.django_db
def test_health_without_a_worker_answers_503_and_names_the_worker(client, settings):
    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["redis"] == "ok"
    assert body["worker"].startswith("down")


@pytest.mark.django_db
def test_health_when_redis_is_down_answers_503(client, settings):
    settings.REDIS_URL = "unix:///nonexistent/redis.sock"

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["redis"].startswith("down")


@pytest.mark.integration
def test_health_with_database_redis_and_worker_up_answers_200(client, celery_worker):
    response = client.get("/health/")

    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "worker": "ok"}
    assert response.status_code == 200
