"""qa benchmark: ingestion throughput, no-op re-index, warm and cold answer latency, peak memory.

    .venv/bin/python bench/run.py            # the full run (about 15 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # a small run of every step (under a minute; the test suite's)

Prints a table (measured value, target, PASS/MISS, peak RSS) and writes ``bench/results/results.json``,
``results.md`` and ``results.png`` (latency and throughput against corpus size). What each figure means and
how it is measured: bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import article, write_corpus  # noqa: E402

QUESTION = "How many points does the US peace plan have?"
INGEST_RUNS = 3  # ingestion runs per corpus size (the median is reported)
SLICE = 60  # articles ingested with the real model at each corpus size (the rest of the index: bank vectors)


class Bench:
    """Runs the stages as child processes and keeps what they measured."""

    def __init__(
        self, work: Path, quick: bool, log: Any = print, embedding: str = "minilm-onnx", budget: float = 1140
    ) -> None:
        self.budget = budget  # seconds for the whole run; the last index growth stops in time for it
        self.work = work
        self.quick = quick
        self.embedding = embedding
        self.log = log
        self.corpus = work / "corpus"
        self.index = work / "index"
        self.results: dict[str, Any] = {"stages": {}}
        self.started = time.perf_counter()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
        self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), self.env.get("PYTHONPATH", "")]))

    # --- running things ----------------------------------------------------------------------------
    def child(self, name: str, argv: list[str], timeout: float = 1800) -> tuple[str, dict[str, Any]]:
        """Run ``argv``; returns its stdout and {seconds, peak_rss_mb, code}. Peak RSS from wait4()."""
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            load = os.getloadavg()[0]
            started = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT, env=self.env)
            deadline = started + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.02)
            seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
        info = {
            "seconds": round(seconds, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "code": proc.returncode,
            "loadavg_before": round(load, 2),
        }
        if proc.returncode != 0:
            raise RuntimeError(f"{name} failed ({proc.returncode}):\n{stderr[-3000:]}")
        return stdout, info

    def stage(self, key: str, stage: str, args: dict[str, Any], timeout: float = 1800) -> dict[str, Any]:
        """Run ``bench/stages.py STAGE`` and record its RESULT with wall time and peak RSS under ``key``."""
        payload = self.work / f"{key}.json"
        payload.write_text(json.dumps(args))
        stdout, info = self.child(key, [sys.executable, str(HERE / "stages.py"), stage, "@" + str(payload)], timeout)
        line = next(ln for ln in reversed(stdout.splitlines()) if ln.startswith("RESULT "))
        result: dict[str, Any] = json.loads(line[len("RESULT ") :]) | {"process": info}
        self.results["stages"][key] = result
        self.log(f"  {key:<22} {info['seconds']:7.1f} s  peak {info['peak_rss_mb']:7.0f} MB   {_brief(result)}")
        return result

    # --- corpus ------------------------------------------------------------------------------------
    def add_articles(self, start: int, stop: int, folder: Path | None = None) -> list[str]:
        folder = folder or self.corpus
        write_corpus(folder, stop - start, start=start)
        return [article(i).name for i in range(start, stop)]

    def names(self, start: int, stop: int) -> list[str]:
        return [article(i).name for i in range(start, stop)]

    def args(self, **extra: Any) -> dict[str, Any]:
        return {
            "corpus": str(self.corpus),
            "index": str(self.index),
            "bank": str(self.work / "bank.npy"),
            "embedding": self.embedding,
        } | extra

    def grow_to_chunks(self, key: str, start: int, target: int, per_article: float) -> tuple[int, dict[str, Any]]:
        """Add bank articles from ``start`` until the store holds about ``target`` chunks."""
        have = self.results["stages"].get("_last_chunks", 0)
        stop = max(start + 1, start + int((target - have) / per_article + 0.999))
        result = self.bank(key, start, stop)
        while result["total_chunks"] < target:  # the estimate fell short: top up
            more = max(1, int((target - result["total_chunks"]) / per_article + 0.999))
            result = self.bank(key + "+", stop, stop + more)
            stop += more
        return stop, result

    def grow_within_budget(self, key: str, start: int, target: int, per_article: float) -> int:
        """Grow towards ``target`` chunks in steps, stopping early when the rest of the time budget is needed
        for the search cache and the latency run: the bench finishes in time and reports what it reached."""
        stop, step = start, 0
        while self.results["stages"]["_last_chunks"] < target:
            rates = [
                r["process"]["seconds"] / r["files"]
                for k, r in self.results["stages"].items()
                if k.startswith("bank") and isinstance(r, dict) and r.get("files", 0) >= 100
            ]
            rate = max(rates[-2:]) if rates else 0.05  # seconds per article, recent and pessimistic
            caches = [r for k, r in self.results["stages"].items() if k.startswith("cache_")]
            cache_rate = caches[-1]["process"]["seconds"] / max(caches[-1]["chunks"], 1) if caches else 0.002
            if len(caches) >= 2 and caches[-1]["chunks"] > caches[-2]["chunks"]:  # per added chunk, start-up apart
                before, last = caches[-2:]
                cache_rate = (last["process"]["seconds"] - before["process"]["seconds"]) / (
                    last["chunks"] - before["chunks"]
                )
            need = int((target - self.results["stages"]["_last_chunks"]) / per_article + 0.999)
            articles = min(need, 3000)
            # the cache at the new size, the latency run (~10 s; its timing stops at 60 s) and a margin
            reserve = cache_rate * (self.results["stages"]["_last_chunks"] + articles * per_article) + 60
            left = self.budget - (time.perf_counter() - self.started)
            if rate * articles + reserve > left:
                articles = int((left - reserve) / rate)
                if articles < 100:
                    self.results["budget_stopped_growth_at_chunks"] = self.results["stages"]["_last_chunks"]
                    self.log(f"  time budget: the index stops at {self.results['stages']['_last_chunks']:,} chunks")
                    break
            step += 1
            self.bank(f"{key}.{step}", stop, stop + articles)
            stop += articles
        return stop

    def bank(self, key: str, start: int, stop: int) -> dict[str, Any]:
        self.add_articles(start, stop)
        result = self.stage(key, "bank", self.args(names=self.names(start, stop)))
        self.results["stages"]["_last_chunks"] = result["total_chunks"]
        return result

    # --- the plan ----------------------------------------------------------------------------------
    def run(self, with_chat: bool) -> dict[str, Any]:
        q = self.quick
        points = [100, 300, 600] if q else [1_000, 10_000, 100_000]  # chunks, for warm latency
        corpora = [40, 100] if q else [1_000, 10_000]  # articles, for ingestion
        slice_n = 3 if q else SLICE  # articles ingested with the real model at each corpus size
        n_questions = 20 if q else 200
        self.results["plan"] = {
            "latency_points_chunks": points,
            "corpora_articles": corpora,
            "real_model_articles_per_corpus": slice_n,
            "questions": n_questions,
            "quick": q,
            "embedding": self.embedding,
        }
        self.log("cold start")
        self.cold_ask(runs=1 if q else 5)

        self.log("raw model throughput, bank vectors")
        first = 10_000_000 if q else corpora[0] - slice_n  # quick: texts from articles the index never holds
        raw_names = self.add_articles(first, first + slice_n, self.work / "slice-a")
        self.stage("raw_a", "raw", self.args(corpus=str(self.work / "slice-a"), names=raw_names))

        self.log("index growth")
        stop, grown = self.grow_to_chunks("bank_to_p1", 0, points[0], 3.6)
        per_article = grown["total_chunks"] / stop
        self.cache("cache_p1")
        self.latency("p1", stop, n_questions)

        if q:  # the quick run ingests right after the first point (one store-building step fewer)
            corpora[0] = stop + slice_n
        assert stop <= corpora[0] - slice_n, "the first latency point must come before the first corpus size"
        if stop < corpora[0] - slice_n:
            self.bank("bank_to_c1", stop, corpora[0] - slice_n)
        self.ingest("c1", corpora[0] - slice_n, corpora[0])

        stop = corpora[0]
        stop, grown = self.grow_to_chunks("bank_to_p2", stop, points[1], per_article)
        per_article = grown["total_chunks"] / stop
        self.cache("cache_p2")
        self.latency("p2", stop, n_questions, runs=1 if q else 3)  # the point with the p50 bar

        if q:
            corpora[1] = stop + slice_n
        assert stop <= corpora[1] - slice_n, "the second latency point must come before the second corpus size"
        if q:  # the quick run reuses the first raw measurement
            self.results["stages"]["raw_b"] = self.results["stages"]["raw_a"]
        else:
            raw_names = self.add_articles(corpora[1] - slice_n, corpora[1], self.work / "slice-b")
            self.stage(
                "raw_b",
                "raw",
                self.args(corpus=str(self.work / "slice-b"), names=raw_names, bank=str(self.work / "bank-b.npy")),
            )
        if stop < corpora[1] - slice_n:
            self.bank("bank_to_c2", stop, corpora[1] - slice_n)
        self.ingest("c2", corpora[1] - slice_n, corpora[1])
        stop = corpora[1]

        self.log("no-op re-index")
        self.noop()
        if with_chat:
            self.log("chat app")
            self.chat()

        self.log("largest index")
        stop = self.grow_within_budget("bank_to_p3", stop, points[2], per_article)
        self.cache("cache_p3")
        self.latency("p3", stop, n_questions)
        self.results["stages"].pop("_last_chunks", None)
        self.results["wall_seconds"] = round(time.perf_counter() - self.started, 1)
        return self.results

    def cache(self, key: str) -> None:
        if not self.quick:  # the quick run lets the first question build it
            self.stage(key, "cache", self.args())

    def ingest(self, key: str, start: int, stop: int) -> None:
        """Ingest the slice ``INGEST_RUNS`` times, each into a copy of the same index (this machine's cores
        are shared: one run moves by several percent with its neighbours); the median run is the figure,
        every run's ratio is kept beside it."""
        names = self.add_articles(start, stop)
        runs = 1 if self.quick else INGEST_RUNS
        before = self.work / "index-before-ingest"
        if runs > 1:
            shutil.copytree(self.index, before)
        results = []
        for run in range(runs):
            if run:
                shutil.rmtree(self.index)
                shutil.copytree(before, self.index)
            last = run == runs - 1  # the index kept: only its search cache is refreshed
            results.append(self.stage(f"ingest_{key}", "ingest", self.args(names=names, refresh_cache=last)))
        shutil.rmtree(before, ignore_errors=True)
        ratios = [r["seconds_raw_model_replay"] / r["seconds_ingest"] for r in results]
        median = sorted(range(runs), key=lambda i: ratios[i])[runs // 2]
        self.results["stages"][f"ingest_{key}"] = results[median] | {"ratios_of_runs": ratios}
        self.results["stages"]["_last_chunks"] = results[median]["total_chunks"]

    def latency(self, key: str, articles: int, n: int, runs: int = 1) -> None:
        """Time warm questions ``runs`` times, each in a process of its own; the run with the median p50 is the
        figure, every run's p50 kept beside it (at the 20 ms bar, one run moves by 10 ms with the machine's load)."""
        results = [
            self.stage(
                f"latency_{key}", "latency", self.args(n=n, articles=articles, max_seconds=30 if self.quick else 60)
            )
            for _ in range(runs)
        ]
        median = sorted(results, key=lambda r: r["p50_ms"])[runs // 2]
        self.results["stages"][f"latency_{key}"] = median | {"p50_of_runs": [r["p50_ms"] for r in results]}

    def noop(self) -> None:
        argv = [
            sys.executable,
            "-m",
            "qa",
            "index",
            "--corpus",
            str(self.corpus),
            "--index",
            str(self.index),
            "--embedding",
            self.embedding,
        ]
        stdout, info = self.child("noop", argv)
        assert "indexed 0," in stdout and "embedded 0 chunks" in stdout, stdout
        files = int(stdout.split("unchanged ")[1].split(",")[0])
        self.results["stages"]["noop_reindex"] = {"files": files, "summary": stdout.strip(), "process": info}
        self.log(f"  {'noop_reindex':<22} {info['seconds']:7.1f} s  peak {info['peak_rss_mb']:7.0f} MB   files={files}")

    def cold_ask(self, runs: int) -> None:
        seeds_index = self.work / "seeds-index"
        flags = ["--corpus", str(ROOT / "seeds"), "--index", str(seeds_index), "--embedding", self.embedding]
        self.child("seeds_index", [sys.executable, "-m", "qa", "index", *flags])
        ask = [sys.executable, "-m", "qa", "ask", *flags, QUESTION]
        if not self.quick:
            self.child("cold_warmup", ask)  # page cache and .pyc files, as on any machine after the first run
        walls, rss = [], []
        for _ in range(runs):
            stdout, info = self.child("cold_ask", ask)
            assert "28-point" in stdout, stdout
            walls.append(info["seconds"])
            rss.append(info["peak_rss_mb"])
        result = {
            "runs": walls,
            "median_s": statistics.median(walls),
            "peak_rss_mb": max(rss),
            "command": f"python -m qa ask --corpus seeds --index <seeds index> --embedding {self.embedding} "
            + json.dumps(QUESTION),
        }
        self.results["stages"]["cold_ask"] = result
        self.log(f"  {'cold_ask':<22} {result['median_s']:7.2f} s  peak {max(rss):7.0f} MB   runs={walls}")

    def chat(self) -> None:
        """Start ``qa chat`` on the 10k-article index, ask one question through its API, read its peak RSS."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        argv = [
            sys.executable,
            "-m",
            "qa",
            "chat",
            "--corpus",
            str(self.corpus),
            "--index",
            str(self.index),
            "--port",
            str(port),
        ]
        log = open(self.work / "chat.log", "w")  # noqa: SIM115
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=self.env)
        result: dict[str, Any] = {}
        try:
            url = f"http://127.0.0.1:{port}/"
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"qa chat exited ({proc.returncode}); see {self.work / 'chat.log'}")
                if time.perf_counter() - started > 300:
                    raise RuntimeError("qa chat did not start within 300 s")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.5)
            result["start_s"] = round(time.perf_counter() - started, 1)
            from gradio_client import Client

            client = Client(url, verbose=False)
            t = time.perf_counter()
            answer = client.predict("How many jobs will the expansion create?", "", [], api_name="/answer")
            result["answer_s"] = round(time.perf_counter() - t, 2)
            result["grounded"] = bool(answer.get("grounded")) if isinstance(answer, dict) else None
            status = Path(f"/proc/{proc.pid}/status").read_text()
            hwm = next(line for line in status.splitlines() if line.startswith("VmHWM"))
            result["peak_rss_mb"] = round(int(hwm.split()[1]) / 1024, 1)
        except Exception as exc:  # a chat that cannot start is a result to report, not a crash
            result["error"] = str(exc)[:500]
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
        self.results["stages"]["chat"] = result
        self.log(f"  {'chat':<22} {json.dumps(result)}")


def _brief(result: dict[str, Any]) -> str:
    keys = ("total_chunks", "chunks_added", "chunks", "p50_ms", "p95_ms", "texts_per_s", "tokens_per_s")
    return "  ".join(
        f"{k}={round(result[k], 1) if isinstance(result[k], float) else result[k]}" for k in keys if k in result
    )


# --- the table ----------------------------------------------------------------------------------------
def figures(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the table: figure, measured, target, PASS/MISS (None: no target), peak RSS."""
    st = results["stages"]
    plan = results["plan"]
    rows: list[dict[str, Any]] = []

    def row(name: str, value: str, target: str, ok: bool | None, rss: float | None, note: str = "") -> None:
        rows.append(
            {
                "figure": name,
                "measured": value,
                "target": target,
                "result": None if ok is None else ("PASS" if ok else "MISS"),
                "peak_rss_mb": rss,
                "note": note,
            }
        )

    for key, raw_key, articles in (
        ("c1", "raw_a", plan["corpora_articles"][0]),
        ("c2", "raw_b", plan["corpora_articles"][1]),
    ):
        ing, raw = st.get(f"ingest_{key}"), st.get(raw_key)
        if not ing or not raw:
            continue
        chunks_s = ing["chunks"] / ing["seconds_ingest"]
        mb_s = ing["bytes"] / 1e6 / ing["seconds_ingest"]
        share = ing["seconds_raw_model_replay"] / ing["seconds_ingest"]
        raw_rate = ing["texts"] / ing["seconds_raw_model_replay"]
        row(
            f"ingestion, {articles:,}-article corpus",
            f"{chunks_s:.2f} chunks/s, {mb_s:.4f} MB/s ({ing['texts'] / ing['seconds_ingest']:.0f} texts/s)",
            "—",
            None,
            ing["process"]["peak_rss_mb"],
            f"{ing['files']} articles embedded with {plan['embedding']} into an index of {ing['total_files']:,} files",
        )
        row(
            f"ingestion / raw model throughput, {articles:,} articles",
            f"{share:.1%} (model alone: {raw_rate:.0f} texts/s on the same texts)",
            ">= 90%",
            share >= 0.9,
            ing["process"]["peak_rss_mb"],
            "raw: the ingestion's own model calls replayed right after, same process and batches "
            f"(model-only step on other texts of that corpus: {raw['texts_per_s']:.0f} texts/s)"
            + (
                f"; median of {len(ing['ratios_of_runs'])} runs: "
                + ", ".join(f"{r:.1%}" for r in ing["ratios_of_runs"])
                if len(ing.get("ratios_of_runs", [])) > 1
                else ""
            ),
        )
    if "noop_reindex" in st:
        n = st["noop_reindex"]
        row(
            f"no-op re-index, {n['files']:,} files (`qa index`, process start to exit)",
            f"{n['process']['seconds']:.2f} s",
            "<= 5 s",
            n["process"]["seconds"] <= 5,
            n["process"]["peak_rss_mb"],
        )
    points = plan["latency_points_chunks"]
    for key, target_kind, wanted in (("p1", None, points[0]), ("p2", "p50", points[1]), ("p3", "p95", points[2])):
        lat = st.get(f"latency_{key}")
        if not lat:
            continue
        chunks = lat["chunks"]
        short = chunks < 0.95 * wanted  # the time budget stopped the growth: the figure is not the target's
        asked = f" ({lat['questions']} questions)" if lat["questions"] < plan["questions"] else ""
        runs = lat.get("p50_of_runs", [])
        row(
            f"warm ask() p50, {chunks:,} chunks{asked}",
            f"{lat['p50_ms']:.1f} ms",
            "<= 20 ms" if target_kind == "p50" else "—",
            lat["p50_ms"] <= 20 if target_kind == "p50" else None,
            lat["process"]["peak_rss_mb"],
            f"median of {len(runs)} runs: " + ", ".join(f"{x:.1f}" for x in runs) if len(runs) > 1 else "",
        )
        row(
            f"warm ask() p95, {chunks:,} chunks{asked}",
            f"{lat['p95_ms']:.1f} ms",
            f"<= 60 ms at {wanted:,} chunks" if target_kind == "p95" else "—",
            (lat["p95_ms"] <= 60 and not short) if target_kind == "p95" else None,
            lat["process"]["peak_rss_mb"],
            f"the time budget stopped the index at {chunks:,} of {wanted:,} chunks" if short else "",
        )
    if "cold_ask" in st:
        c = st["cold_ask"]
        row(
            "cold `qa ask` on the seeds index (median)",
            f"{c['median_s']:.2f} s",
            "<= 2.5 s",
            c["median_s"] <= 2.5,
            c["peak_rss_mb"],
            "runs: " + ", ".join(f"{x:.2f}" for x in c["runs"]),
        )
    if "chat" in st:
        ch = st["chat"]
        if "peak_rss_mb" in ch:
            row(
                f"chat app peak RSS, {plan['corpora_articles'][1]:,}-article index",
                f"{ch['peak_rss_mb']:.0f} MB",
                "< 1536 MB",
                ch["peak_rss_mb"] < 1536,
                ch["peak_rss_mb"],
                f"started in {ch['start_s']} s, one question answered",
            )
        else:
            row("chat app peak RSS", "not measured", "< 1536 MB", False, None, ch.get("error", ""))
    wall = results.get("wall_seconds")
    if wall is not None:
        row("bench wall time", f"{wall / 60:.1f} min", "< 20 min", wall < 1200, None)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| figure | measured | target | result | peak RSS |", "|---|---|---|---|---|"]
    for r in rows:
        rss = f"{r['peak_rss_mb']:.0f} MB" if r["peak_rss_mb"] is not None else ""
        note = f" — {r['note']}" if r["note"] else ""
        lines.append(f"| {r['figure']}{note} | {r['measured']} | {r['target']} | {r['result'] or ''} | {rss} |")
    return "\n".join(lines)


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    st = results["stages"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    pts = [st[k] for k in ("latency_p1", "latency_p2", "latency_p3") if k in st]
    if pts:
        xs = [p["chunks"] for p in pts]
        left.plot(xs, [p["p50_ms"] for p in pts], "o-", label="p50")
        left.plot(xs, [p["p95_ms"] for p in pts], "s-", label="p95")
        left.axhline(20, color="tab:blue", ls=":", lw=1, label="p50 target (10k)")
        left.axhline(60, color="tab:orange", ls=":", lw=1, label="p95 target (100k)")
        left.set_xscale("log")
        left.set_yscale("log")
        left.set_xlabel("chunks in the index")
        left.set_ylabel("warm ask() latency, ms")
        left.set_title("Answer latency")
        left.legend(fontsize=8)
    plan = results["plan"]
    xs, ingest, raw = [], [], []
    for key, raw_key, n in (("c1", "raw_a", plan["corpora_articles"][0]), ("c2", "raw_b", plan["corpora_articles"][1])):
        if f"ingest_{key}" in st and raw_key in st:
            ing = st[f"ingest_{key}"]
            xs.append(n)
            ingest.append(ing["texts"] / ing["seconds_ingest"])
            raw.append(st[raw_key]["texts_per_s"])
    if xs:
        right.plot(xs, ingest, "o-", label="ingestion (texts embedded and stored /s)")
        right.plot(xs, raw, "s--", label="model alone (texts/s)")
        right.set_xscale("log")
        right.set_ylim(bottom=0)
        right.set_xlabel("articles in the index")
        right.set_ylabel("texts per second (sentences + chunks)")
        right.set_title("Ingestion throughput")
        right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small run of every step (under a minute)")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="folder for results.json/.md/.png")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary folder, removed after)")
    parser.add_argument("--no-chat", action="store_true", help="skip the chat app measurement")
    parser.add_argument(
        "--budget-minutes",
        type=float,
        default=19.0,
        help="time budget: the growth to the largest index stops early to finish within it",
    )
    parser.add_argument(
        "--embedding",
        choices=["minilm-onnx", "hash"],
        help="model for the 'real' steps (default: minilm-onnx; hash for --quick)",
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="qa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    embedding = args.embedding or ("hash" if args.quick else "minilm-onnx")
    bench = Bench(
        work, args.quick, log=lambda *a: print(*a, flush=True), embedding=embedding, budget=args.budget_minutes * 60
    )
    print(f"qa bench ({'quick' if args.quick else 'full'}), scratch {work}", flush=True)
    try:
        results = bench.run(with_chat=not args.no_chat and not args.quick)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    rows = figures(results)
    results["table"] = rows
    args.out.mkdir(parents=True, exist_ok=True)
    name = "results-quick" if args.quick else "results"
    (args.out / f"{name}.json").write_text(json.dumps(results, indent=2))
    (args.out / f"{name}.md").write_text(table(rows) + "\n")
    plot(results, args.out / f"{name}.png")
    print()
    if args.quick:
        print("(quick run: a smoke test of every step with small indexes and the hash embedding; not the figures)")
    print(table(rows))
    print(f"\nwrote {args.out / (name + '.json')}, .md and .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
