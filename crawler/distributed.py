"""Distributed crawling: several crawl processes share one request queue and one duplicate filter in Redis.

``capexwatch crawl --distributed redis://host:6379/0`` (or ``[crawl] redis_url``) swaps Scrapy's
scheduler for scrapy-redis's, whose queue and duplicate filter live in Redis, so processes on one
machine or many split the pages between them and each page is fetched once. What scrapy-redis does
not do, and this module adds:

* **Leases.** A request popped from the queue is kept in a lease hash (owner, priority) until its
  page is stored or dropped; a process whose heartbeat stops (it died) has its leased requests put
  back in the queue by the others. A clean stop (a signal) hands its leases back at once.
* **An end.** A process with nothing to do stays while the queue holds requests or another live
  process holds leases (its pages may list more); when neither is true, it ends — no process waits
  for ever, and a dead one is noticed after ``CAPEXWATCH_REDIS_LEASE`` seconds.
* **Runs.** The first process to join when no other is alive starts a new run: the queue, the
  duplicate filter and the leases of an earlier (crashed) run are cleared. The last one to leave
  clears them too. ``shared_run_id`` lets every process of one run record the same run id.
* **Our fingerprints and seen URLs.** Requests are deduplicated on the normalised URL, and pages
  judged in earlier runs (the store's seen-URL table, which every process reads) are not queued.

The figure stage that follows splits its articles between the processes with :func:`figure_claim`.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from redis import Redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis import connection
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.dupefilter import SeenUrlDupeFilter
from crawler.spiders.capexwatch import request_finished

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

PREFIX = "capexwatch"
LEASE = "capexwatch_lease"  # request meta: the queue entry this request was popped as

#: Seconds between heartbeats, and how long a silent process is still taken as alive.
HEARTBEAT = 1.0
DEFAULT_LEASE_SECONDS = 15.0


def keys(prefix: str = PREFIX) -> dict[str, str]:
    """The Redis keys of a distributed crawl (one crawl per Redis database and prefix)."""
    return {name: f"{prefix}:{name}" for name in ("requests", "dupefilter", "leases", "workers", "run")}


def distributed_settings(redis_url: str) -> dict[str, Any]:
    """The Scrapy settings that make a crawl one process of a distributed crawl through ``redis_url``."""
    from crawler.settings import EXTENSIONS

    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.distributed.RedisScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.LeasedQueue",
        "SCHEDULER_QUEUE_KEY": keys()["requests"],
        "SCHEDULER_DUPEFILTER_KEY": keys()["dupefilter"],
        "SCHEDULER_PERSIST": True,  # the last process to leave clears the keys, not each one
        "EXTENSIONS": {**EXTENSIONS, "crawler.distributed.DistributedCrawl": 480},
    }


# Atomic steps, as Lua scripts run by Redis (one at a time, whatever the number of processes).
_JOIN = """
local now = tonumber(ARGV[2])
local workers = redis.call('HGETALL', KEYS[4])
local alive = 0
for i = 1, #workers, 2 do
  if tonumber(workers[i + 1]) < now then redis.call('HDEL', KEYS[4], workers[i]) else alive = alive + 1 end
end
local started = 0
if alive == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
  started = 1
end
redis.call('HSET', KEYS[4], ARGV[1], ARGV[3])
return started
"""
_POP = """
local entry = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #entry == 0 then return nil end
redis.call('ZREM', KEYS[1], entry[1])
redis.call('HSET', KEYS[2], entry[1], ARGV[1] .. '|' .. entry[2])
return entry[1]
"""
_REQUEUE = """
local now = tonumber(ARGV[1])
local me = ARGV[2]
local all = ARGV[3] == '1'
local workers = redis.call('HGETALL', KEYS[3])
local alive = {}
for i = 1, #workers, 2 do
  if tonumber(workers[i + 1]) >= now then alive[workers[i]] = true end
end
local leases = redis.call('HGETALL', KEYS[2])
local moved = 0
for i = 1, #leases, 2 do
  local owner, score = string.match(leases[i + 1], '^(.*)|([^|]*)$')
  if (all and owner == me) or (not all and not alive[owner]) then
    redis.call('ZADD', KEYS[1], score, leases[i])
    redis.call('HDEL', KEYS[2], leases[i])
    moved = moved + 1
  end
end
return moved
"""
_LEAVE = """
redis.call('HDEL', KEYS[4], ARGV[1])
local now = tonumber(ARGV[2])
local workers = redis.call('HGETALL', KEYS[4])
for i = 1, #workers, 2 do
  if tonumber(workers[i + 1]) >= now then return 0 end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
return 1
"""


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue, whose ``pop`` leases the entry to this process."""

    worker_id: str = ""
    leases_key: str = keys()["leases"]

    def pop(self, timeout: int = 0) -> Request | None:
        data = self.server.eval(_POP, 2, self.key, self.leases_key, self.worker_id)
        if data is None:
            return None
        request = self._decode_request(data)
        request.meta[LEASE] = data
        return request

    def ack(self, data: bytes) -> None:
        """The request popped as ``data`` is done: drop its lease."""
        self.server.hdel(self.leases_key, data)


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler with leased pops, our duplicate filter, and no ``spider=`` stats
    arguments (deprecated in this Scrapy)."""

    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        server = connection.from_settings(settings)
        server.ping()  # fail at start, clearly, rather than at the first request
        instance = cls(
            server=server,
            persist=True,
            queue_key=settings["SCHEDULER_QUEUE_KEY"],
            queue_cls="crawler.distributed.LeasedQueue",
            dupefilter_key=settings["SCHEDULER_DUPEFILTER_KEY"],
        )
        instance.stats = crawler.stats
        instance.crawler = crawler
        return instance

    def open(self, spider: Spider) -> Deferred[None] | None:
        coordinator = self.crawler.get_extension(DistributedCrawl)
        if coordinator is None:
            raise NotConfigured("RedisScheduler needs the DistributedCrawl extension")
        self.spider = spider
        self.queue = LeasedQueue(server=self.server, spider=spider, key=self.queue_key, serializer=self.serializer)
        self.queue.worker_id = coordinator.worker_id
        self.queue.leases_key = coordinator.keys["leases"]
        coordinator.queue = self.queue
        self.df = RedisSeenDupeFilter(self.crawler, self.server, self.dupefilter_key)
        coordinator.join()
        return self.df.open()

    def close(self, reason: str) -> None:
        """Nothing to clear here: the last process to leave clears the run (DistributedCrawl)."""

    def enqueue_request(self, request: Request) -> bool:
        # A redirect or a retry of a leased request: once it is queued (or filtered), the
        # original's lease is done.
        lease = request.meta.pop(LEASE, None)
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            return True
        finally:
            if lease is not None:
                self.queue.ack(lease)

    def next_request(self) -> Request | None:
        request = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0


class RedisSeenDupeFilter(SeenUrlDupeFilter):
    """The seen-URL filter whose "requested this run" set is shared in Redis by every process."""

    def __init__(self, crawler: Crawler, server: Redis, key: str) -> None:
        super().__init__(crawler)
        self.server = server
        self.key = key

    def requested_before(self, fingerprint: bytes) -> bool:
        return self.server.sadd(self.key, fingerprint) == 0


class DistributedCrawl:
    """Extension: this process's membership of the distributed crawl — join, heartbeat, acks,
    taking over the leases of dead processes, deciding when the crawl is over, leaving."""

    queue: LeasedQueue | None = None

    def __init__(self, crawler: Crawler, server: Redis, lease_seconds: float) -> None:
        self.crawler = crawler
        self.server = server
        self.lease_seconds = lease_seconds
        self.keys = keys()
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.heartbeat = task.LoopingCall(self.beat)
        self.started_run = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("REDIS_URL is not set")
        server = connection.from_settings(crawler.settings)
        extension = cls(crawler, server, crawler.settings.getfloat("CAPEXWATCH_REDIS_LEASE", DEFAULT_LEASE_SECONDS))
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.finished, signal=request_finished)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(extension.item_done, signal=signal)
        return extension

    def _expiry(self) -> float:
        return time.time() + self.lease_seconds

    def join(self) -> None:
        """Register this process; start a new run if no other process is alive."""
        names = self.keys
        self.started_run = bool(
            self.server.eval(_JOIN, 5, names["requests"], names["dupefilter"], names["leases"], names["workers"],
                             names["run"], self.worker_id, time.time(), self._expiry())  # fmt: skip
        )
        logger.info("%s the distributed crawl as %s", "started" if self.started_run else "joined", self.worker_id)
        self.heartbeat.start(HEARTBEAT, now=False)

    def beat(self) -> None:
        """Say this process is alive; fetch at once when requests are waiting in the queue."""
        self.server.hset(self.keys["workers"], self.worker_id, self._expiry())
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None) if engine is not None else None
        if slot is not None and self.queue is not None and len(self.queue) > 0:
            slot.nextcall.schedule()  # else the engine looks again only on its own 5 s heartbeat

    def finished(self, request: Request) -> None:
        lease = request.meta.get(LEASE)
        if lease is not None and self.queue is not None:
            self.queue.ack(lease)

    def item_done(self, item: Any, response: Any, spider: Any, **kwargs: Any) -> None:
        if response is not None:
            self.finished(response.request)

    def requeue(self, *, mine: bool = False) -> int:
        """Put back in the queue the leases of dead processes (or, ``mine``, this one's)."""
        names = self.keys
        return int(self.server.eval(_REQUEUE, 3, names["requests"], names["leases"], names["workers"],
                                    time.time(), self.worker_id, "1" if mine else "0"))  # fmt: skip

    def spider_idle(self, spider: Spider) -> None:
        """Stay while there is work anywhere; end when the queue is empty and no live process holds a lease."""
        if moved := self.requeue():
            logger.warning("took over %d requests of a crawl process that stopped", moved)
        if self.queue is not None and len(self.queue) > 0:
            raise DontCloseSpider("requests are waiting in the shared queue")
        leases = self.server.hvals(self.keys["leases"])
        others = [owner for owner in (lease.decode().rsplit("|", 1)[0] for lease in leases) if owner != self.worker_id]
        if others:
            raise DontCloseSpider("other crawl processes are still working")
        if leases:  # ours, yet this process is idle: requests that never reported back
            logger.warning("dropping %d leases this process never finished", len(leases))
            self.server.delete(self.keys["leases"])

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Leave: hand back unfinished leases (a stop before the end), clear the run if last."""
        if self.heartbeat.running:
            self.heartbeat.stop()
        if reason != "finished" and (moved := self.requeue(mine=True)):
            logger.warning("handed %d unfinished requests back to the shared queue", moved)
        names = self.keys
        last = self.server.eval(_LEAVE, 5, names["requests"], names["dupefilter"], names["leases"], names["workers"],
                                names["run"], self.worker_id, time.time())  # fmt: skip
        if last:
            logger.info("last process of the distributed crawl: run cleared")


_RUN = """
local now = tonumber(ARGV[1])
local value = redis.call('GET', KEYS[1])
if value then
  local workers = redis.call('HGETALL', KEYS[2])
  for i = 1, #workers, 2 do
    if tonumber(workers[i + 1]) >= now then return value end
  end
  local stamp = tonumber(string.match(value, '|([^|]*)$'))
  if stamp and now - stamp < tonumber(ARGV[2]) then return value end
end
redis.call('SET', KEYS[1], 'pending|' .. ARGV[1])
return false
"""


def shared_run_id(redis_url: str, new_run_id: Callable[[], int | None], *, wait: float = 30.0) -> int | None:
    """The run id every process of one distributed crawl records, for the run-recording stage.

    Call it before the crawl. The first process (no other alive, and no run started in the last
    minute) calls ``new_run_id()`` and shares its answer; the others wait for it and return it.
    """
    server = Redis.from_url(redis_url)
    names = keys()
    try:
        deadline = time.time() + wait
        while True:
            value = server.eval(_RUN, 2, names["run"], names["workers"], time.time(), 60)
            if value is None:
                run_id = new_run_id()
                server.set(names["run"], f"{'' if run_id is None else run_id}|{time.time()}")
                return run_id
            text = value.decode()
            if not text.startswith("pending|"):
                head = text.rsplit("|", 1)[0]
                return int(head) if head else None
            if time.time() > deadline:
                raise TimeoutError(f"no run id from the first crawl process within {wait:.0f} s")
            time.sleep(0.1)
    finally:
        server.close()


def figure_claim(redis_url: str, ruleset: str, hold_seconds: float = 3600):  # -> crawler.figure_stage.Claim
    """A claim for the figure stage: of the article ids given, those no other process claimed.

    A claim is held for ``hold_seconds``: a process that dies leaves its articles unread for that
    long (and the next run reads them); in the meantime no two processes read the same article.
    """
    server = Redis.from_url(redis_url)
    owner = f"{socket.gethostname()}:{os.getpid()}"

    def claim(ids: list[int]) -> list[int]:
        pipe = server.pipeline(transaction=False)
        for article_id in ids:
            pipe.set(f"{PREFIX}:figures:{ruleset}:{article_id}", owner, nx=True, ex=int(hold_seconds))
        return [article_id for article_id, won in zip(ids, pipe.execute(), strict=True) if won]

    return claim
