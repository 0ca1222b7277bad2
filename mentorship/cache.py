"""The cache holds only what can be lost (rate-limit counters): when Redis is away, the
site goes on without it instead of answering 500, and says so in the log."""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _fail_open(method, default=None):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as exc:
            logger.warning("Cache unreachable, %s skipped: %s", method.__name__, exc)
            return default() if callable(default) else default

    return wrapper


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable server is a miss, not an error.

    Rate limits then fail open (RATELIMIT_FAIL_OPEN; allauth counts nothing) for as long
    as Redis is down: a flood is less harm than refusing every applicant and login."""

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            logger.warning("Cache unreachable, get skipped: %s", exc)
            return default

    get_many = _fail_open(RedisCache.get_many, dict)
    set = _fail_open(RedisCache.set)
    set_many = _fail_open(RedisCache.set_many, list)
    # "Added" when Redis is away: a lock (allauth's rate limits) is then taken at once
    # and a counter (django-ratelimit) starts again at one, both failing open.
    add = _fail_open(RedisCache.add, True)
    incr = _fail_open(RedisCache.incr)
    decr = _fail_open(RedisCache.decr)
    touch = _fail_open(RedisCache.touch, False)
    has_key = _fail_open(RedisCache.has_key, False)
    delete = _fail_open(RedisCache.delete, False)
    delete_many = _fail_open(RedisCache.delete_many)
    clear = _fail_open(RedisCache.clear)
