# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""The runtime contract: zero-copy numpy columns, threads, progress callbacks,
KeyboardInterrupt, cancellation and flat memory over many calls."""
import gc
import os
import threading
import _thread

import numpy as np
import pytest

import stakemap


@pytest.fixture(scope="module")
def net(embassy):
    return stakemap.Network.load(embassy)


def ring(n, directed=False):
    """n actors on a ring with chords: enough work for progress to be reported."""
    net = stakemap.Network(directed=directed)
    net.add_actors({"id": f"a{i}"} for i in range(n))
    rels = [{"source": f"a{i}", "target": f"a{(i + 1) % n}", "quality": 0.5} for i in range(n)]
    rels += [{"source": f"a{i}", "target": f"a{(i * 7 + 3) % n}", "quality": 0.9}
             for i in range(n) if (i * 7 + 3) % n != i]
    net.add_relationships(rels)
    return net


def test_numpy_column_is_a_view_that_outlives_the_table(net):
    t = net.centrality(measures="degree,pagerank")
    expected = [r["pagerank"] for r in t]
    a = t.column("pagerank")
    b = t.column("pagerank")
    assert isinstance(a, np.ndarray) and a.dtype == np.float64
    assert not a.flags.owndata and not a.flags.writeable
    assert np.shares_memory(a, b)  # both view the table's own array
    with pytest.raises(ValueError):
        a[0] = 1.0
    with pytest.raises(BufferError):  # sorting would move the memory under the view
        t.sort("pagerank")
    del t, b
    gc.collect()
    assert a.tolist() == expected  # the array keeps the table's data alive
    ints = net.brokerage().column("brokerage")
    assert ints.dtype == np.int64 and not ints.flags.owndata
    bools = net.gaps(focal="kind = diplomat").actors.column("focal")
    assert bools.dtype == np.bool_ and int(bools.sum()) == 4


def test_threads_give_the_serial_results(net):
    net.freeze()
    jobs = [
        lambda: net.centrality(measures="all").to_dicts(),
        lambda: net.brokerage().to_dicts(),
        lambda: net.bubbles().groups.to_dicts(),
        lambda: net.gaps(focal="kind = diplomat").recommendations.to_dicts(),
        lambda: net.centrality(measures="betweenness", samples=5, seed=3).to_dicts(),
        lambda: net.layout(seed=2).to_dicts(),
    ]
    serial = [job() for job in jobs]
    results = {}
    errors = []

    def worker(t):
        try:
            for rep in range(3):
                for k, job in enumerate(jobs):
                    results[(t, rep, k)] = job()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert len(results) == 6 * 3 * len(jobs)
    for (t, rep, k), value in results.items():
        assert value == serial[k], (t, rep, k)


def test_network_cannot_change_while_analysed():
    big = ring(300)
    started = threading.Event()
    release = threading.Event()
    seen = []

    def progress(fraction, stage):
        started.set()
        release.wait(10)

    th = threading.Thread(target=lambda: seen.append(
        big.centrality(measures="betweenness", threads=1, progress=progress)))
    th.start()
    assert started.wait(10)
    with pytest.raises(RuntimeError, match="being analysed"):
        big.add_actor("new")
    release.set()
    th.join()
    assert len(seen[0]) == 300
    big.add_actor("new")  # free again afterwards
    assert len(big) == 301


def test_progress_callback_is_called_and_can_cancel():
    big = ring(200)
    calls = []
    t = big.centrality(measures="betweenness,pagerank",
                       progress=lambda f, stage: calls.append((f, stage)))
    assert len(t) == 200 and calls
    assert all(0.0 <= f <= 1.0 and isinstance(s, str) for f, s in calls)
    assert len(calls) <= 3 * 101
    with pytest.raises(stakemap.CancelledError) as e:
        big.centrality(measures="betweenness", progress=lambda f, s: True)
    assert e.value.code == -7

    class Boom(Exception):
        pass

    def boom(f, s):
        raise Boom("stop here")

    with pytest.raises(Boom, match="stop here"):
        big.brokerage(progress=boom)
    # nothing was damaged: the same call without a callback still works
    assert len(big.brokerage()) == 200


def test_keyboard_interrupt_cancels_cleanly():
    big = ring(300)

    def interrupt(fraction, stage):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        big.centrality(measures="betweenness", progress=interrupt)
    # a real SIGINT with no callback at all: the trampoline checks for signals
    calls = []

    def first_call(fraction, stage):
        if not calls:
            _thread.interrupt_main()
        calls.append(fraction)

    with pytest.raises(KeyboardInterrupt):
        big.centrality(measures="betweenness,closeness", progress=first_call)
    assert len(big.centrality(measures="betweenness")) == 300


def test_ctrl_c_without_a_callback_cancels_a_long_analysis():
    """SIGINT arriving while the C code runs with the GIL released, no user callback:
    the progress hook installed on every analysis notices it at the next progress
    point, the C call returns SM_ECANCELLED and KeyboardInterrupt is raised."""
    import time

    big = ring(4000)
    big.freeze()
    start = time.perf_counter()
    timer = threading.Timer(0.2, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            big.centrality(measures="betweenness,closeness,harmonic", threads=1)
    finally:
        timer.cancel()
    interrupted = time.perf_counter() - start
    # it stopped well before the end: the full run would take about 10x the
    # sampled one below
    start = time.perf_counter()
    big.centrality(measures="betweenness", threads=1, samples=400, seed=1)
    full_estimate = 10 * (time.perf_counter() - start)  # 4000 sources = 10 x 400
    assert interrupted < 0.25 + 0.5 * full_estimate, (interrupted, full_estimate)


def _rss_kib():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


@pytest.mark.skipif(os.environ.get("STAKEMAP_SANITIZED") == "1",
                    reason="AddressSanitizer's quarantine keeps freed memory resident")
def test_ten_thousand_cycles_keep_memory_flat(small):
    """load, analyse, read and free 10,000 times: resident memory must not grow.
    Tolerance: 2 MiB after a warm-up of 500 cycles (a leak of one table, network
    or selection a cycle would grow it by far more: > 10,000 allocations)."""
    def cycle():
        net = stakemap.Network.load(small)
        t = net.centrality(measures="degree,pagerank")
        t.column("pagerank").sum()
        t.to_dicts()
        net.select("kind = ngo")
        net.brokerage()
        try:
            net.add_actor("a")
        except stakemap.DuplicateError:
            pass
        try:
            net.centrality(measures="betweenness", progress=lambda f, s: True)
        except stakemap.CancelledError:
            pass

    for _ in range(500):
        cycle()
    gc.collect()
    before = _rss_kib()
    for _ in range(10000):
        cycle()
    gc.collect()
    after = _rss_kib()
    assert after - before < 2048, (before, after)
