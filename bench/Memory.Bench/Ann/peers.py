"""Peers of the ann benchmark, run by AnnBenchmark in the same run on the same vectors.

Reads base.f32 (n x d), queries.f32 (q x d) and truth.i64 (q x 10, exact top 10 by inner product) from the directory
given as the first argument, builds hnswlib and FAISS indexes with the store's HNSW settings (M 16, ef construction 128,
ef search 96), answers the queries one at a time on one thread, and prints one JSON line per peer. Needs Debian's
python3-hnswlib, python3-faiss and python3-numpy (apt-get install); prints a JSON line with "error" for a missing one.
"""
import json
import os
import resource
import sys
import time

import numpy as np


def load(directory, dims):
    base = np.fromfile(os.path.join(directory, "base.f32"), dtype=np.float32).reshape(-1, dims)
    queries = np.fromfile(os.path.join(directory, "queries.f32"), dtype=np.float32).reshape(-1, dims)
    truth = np.fromfile(os.path.join(directory, "truth.i64"), dtype=np.int64).reshape(len(queries), -1)
    return base, queries, truth


def measure(name, build, search, queries, truth):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    index = build()
    build_s = time.perf_counter() - started
    for q in queries[:50]:
        search(index, q)
    latencies, hits = [], 0
    for q, expected in zip(queries, truth):
        started = time.perf_counter()
        found = search(index, q)
        latencies.append((time.perf_counter() - started) * 1000)
        hits += len(set(int(i) for i in found[:10]) & set(int(i) for i in expected[:10]))
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, max(0, int(np.ceil(p * len(latencies))) - 1))]
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"name": name, "build_s": build_s, "p50_ms": pick(0.5), "p95_ms": pick(0.95),
                      "recall": hits / (10.0 * len(queries)), "peak_rss_growth_mb": (rss_after - rss_before) / 1024.0}), flush=True)


def main():
    directory, dims = sys.argv[1], int(sys.argv[2])
    base, queries, truth = load(directory, dims)
    try:
        import hnswlib

        def build_hnswlib():
            index = hnswlib.Index(space="ip", dim=dims)
            index.init_index(max_elements=len(base), M=16, ef_construction=128)
            index.set_num_threads(1)
            index.add_items(base, np.arange(len(base)))
            index.set_ef(96)
            return index

        measure("hnswlib 0.6.2 (HNSW, f32, M 16, ef 96)", build_hnswlib, lambda index, q: index.knn_query(q, k=10)[0][0], queries, truth)
    except ImportError as error:
        print(json.dumps({"name": "hnswlib", "error": str(error)}), flush=True)
    try:
        import faiss

        faiss.omp_set_num_threads(1)

        def build_faiss_hnsw():
            index = faiss.IndexHNSWFlat(dims, 16, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 128
            index.add(base)
            index.hnsw.efSearch = 96
            return index

        def build_faiss_flat():
            index = faiss.IndexFlatIP(dims)
            index.add(base)
            return index

        search = lambda index, q: index.search(q.reshape(1, -1), 10)[1][0]
        measure(f"FAISS {faiss.__version__} HNSW (f32, M 16, ef 96)", build_faiss_hnsw, search, queries, truth)
        measure(f"FAISS {faiss.__version__} flat (exact)", build_faiss_flat, search, queries, truth)
    except ImportError as error:
        print(json.dumps({"name": "faiss", "error": str(error)}), flush=True)


if __name__ == "__main__":
    main()
