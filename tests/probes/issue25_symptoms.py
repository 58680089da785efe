#!/usr/bin/env python3
"""Black-box probes of issue 25's symptoms against a built Memory.Server (docs/security.md, "Each symptom against
commit 4a47bda"). Usage: issue25_symptoms.py <path to Memory.Server.dll> <label>. Starts the server on free loopback
ports with the hashing embedder and fresh data directories (deleted afterwards), and prints one line per probe:
symptom, what was observed, DEFECT (the symptom shows) or FIXED. Not part of `dotnet test`: it compares builds."""
import hashlib, base64, json, os, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request, urllib.error

DLL, LABEL = sys.argv[1], sys.argv[2]
results = []

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

class Server:
    def __init__(self, env=None, data=None):
        self.port = free_port()
        self.owns = data is None
        self.data = data or tempfile.mkdtemp(prefix="issue25-probe-")
        e = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Memory__Local__DataDirectory=self.data,
                 Memory__Embeddings__Provider="Hashing", Logging__LogLevel__Default="Warning")
        e.update(env or {})
        self.log = tempfile.TemporaryFile(mode="w")
        self.proc = subprocess.Popen(["dotnet", DLL, "--urls", f"http://127.0.0.1:{self.port}"], cwd=os.path.dirname(DLL),
                                     env=e, stdout=self.log, stderr=subprocess.STDOUT)
    def wait(self, timeout=90):
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None: return False
            try:
                if req(self, "GET", "/api/health")[0] == 200: return True
            except Exception: pass
            time.sleep(0.3)
        return False
    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try: self.proc.wait(20)
            except subprocess.TimeoutExpired: self.proc.kill(); self.proc.wait()
        self.log.close()
        if self.owns: shutil.rmtree(self.data, ignore_errors=True)

def req(srv, method, path, body=None, headers=None, raw=None):
    h = {"Accept": "application/json"}
    h.update(headers or {})
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None: h.setdefault("Content-Type", "application/json")
    r = urllib.request.Request(f"http://127.0.0.1:{srv.port}{path}", data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            return resp.status, resp.read().decode(errors="replace"), dict(resp.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace"), dict(e.headers)

def raw_http(srv, lines):
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=15)
    s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk: break
        data += chunk
    s.close()
    head = data.split(b"\r\n", 1)[0].decode()
    return int(head.split()[1]), data.decode(errors="replace")

def record(symptom, observed, defect):
    results.append((symptom, observed, "DEFECT" if defect else "FIXED"))
    print(f"[{LABEL}] {symptom}: {observed} -> {'DEFECT' if defect else 'FIXED'}", flush=True)

def poll_op(srv, location, tenant=None):
    for _ in range(300):
        st, body, _ = req(srv, "GET", location, headers={"x-tenant-id": tenant} if tenant else None)
        if st == 200 and json.loads(body)["status"] in ("succeeded", "failed", "cancelled"): return body
        time.sleep(0.1)
    return body

# --- main server: defaults ---
srv = Server()
assert srv.wait(), "server did not start"
try:
    req(srv, "POST", "/api/users/ann/memories", {"text": "ann-secret lives in Oslo"})
    req(srv, "POST", "/api/users/bob/memories", {"text": "bob-secret lives in Bergen"})

    # 1: DNS rebinding, raw socket, foreign Host and Origin
    st, body = raw_http(srv, ["GET /api/users/ann/export HTTP/1.1", f"Host: rebind.attacker.example:{srv.port}",
                               f"Origin: http://rebind.attacker.example:{srv.port}", "Connection: close"])
    record("1 rebinding: foreign Host+Origin GET export", f"{st}, data {'served' if 'ann-secret' in body else 'not served'}", 'ann-secret' in body)
    st, body = raw_http(srv, ["GET /api/users/ann/export HTTP/1.1", f"Host: 127.0.0.1:{srv.port}",
                               "Origin: http://evil.example", "Connection: close"])
    record("1 rebinding: loopback Host, foreign Origin", f"{st}", st == 200)

    # 2: forged cursor with the public (unkeyed) checksum of 4a47bda's CursorCodec
    token = "x"
    checksum = hashlib.sha256(f"default\nann\n{token}".encode()).hexdigest()[:16]
    cursor = base64.urlsafe_b64encode(f"{checksum}:{token}".encode()).decode().rstrip("=")
    st, body, _ = req(srv, "GET", f"/api/users/ann/memories?cursor={cursor}")
    record("2 forged list cursor", f"{st}", st >= 500)

    # 7: idempotency by property order
    msgs = [{"role": "user", "content": "I like tea."}]
    st1, _, _ = req(srv, "POST", "/api/users/ann/messages", {"messages": msgs, "metadata": {"a": "1", "b": "2"}}, {"Idempotency-Key": "order-k"})
    st2, _, _ = req(srv, "POST", "/api/users/ann/messages", raw=json.dumps({"messages": msgs, "metadata": {"b": "2", "a": "1"}}).encode(), headers={"Idempotency-Key": "order-k"})
    record("7 same body, metadata keys reordered", f"{st1} then {st2}", st2 == 422)

    # 8: client key in the event namespace
    st, _, _ = req(srv, "POST", "/api/users/ann/messages", {"messages": msgs}, {"Idempotency-Key": "evt-0123456789abcdef"})
    record("8 client Idempotency-Key 'evt-…' (event-derived namespace)", f"{st}", st == 202)

    # 6: repeated keys in MCP tool arguments and Event Grid data
    h = {"Accept": "application/json, text/event-stream"}
    st, body, hd = req(srv, "POST", "/api/mcp", {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "probe", "version": "1"}}}, h)
    sid = hd.get("Mcp-Session-Id") or hd.get("mcp-session-id")
    if sid: h["Mcp-Session-Id"] = sid
    req(srv, "POST", "/api/mcp", {"jsonrpc": "2.0", "method": "notifications/initialized"}, h)
    raw = b'{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_memories","arguments":{"userId":"ann","userId":"bob"}}}'
    st, body, _ = req(srv, "POST", "/api/mcp", raw=raw, headers=h)
    record("6 MCP tools/call arguments {userId:ann,userId:bob}", f"{st}, {'bob served' if 'bob-secret' in body else 'bob not served'}", 'bob-secret' in body)
    raw = b'{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_memories","name":"search_memories","arguments":{"userId":"ann"}}}'
    st, body, _ = req(srv, "POST", "/api/mcp", raw=raw, headers=h)
    record("6 MCP repeated 'name' in params", f"{st}, {'-32603' if '-32603' in body else 'no -32603'}", '-32603' in body)
    eg = ('[{"specversion":"1.0","type":"MemoryFunctions.Conversation.Turns","source":"/probe","id":"eg-1","time":"2026-12-07T00:00:00Z",'
          '"datacontenttype":"application/json","data":{"userId":"ann","userId":"bob","messages":[{"role":"user","content":"eg-secret"}]}}]').encode()
    st, body, _ = req(srv, "POST", "/api/eventgrid", raw=eg, headers={"Content-Type": "application/cloudevents-batch+json"})
    record("6 Event Grid data {userId:ann,userId:bob}", f"{st} {body[:400]!r}", st in (200, 202))
finally:
    srv.stop()

# --- 3: KeepTurns=false: does the finished operation record still carry the turns? ---
srv = Server({"Memory__Ingestion__KeepTurns": "false"})
assert srv.wait()
try:
    st, body, hd = req(srv, "POST", "/api/users/cara/messages", {"messages": [{"role": "user", "content": "My locker code is XYZZY-4711 and I live in Oslo."}]})
    loc = hd.get("Location")
    op = poll_op(srv, loc)
    _, export, _ = req(srv, "GET", "/api/users/cara/export")
    record("3 KeepTurns=false: finished operation record / export quote the turn", f"operation {'quotes' if 'XYZZY' in op else 'does not quote'}, export {'quotes' if 'XYZZY' in export else 'does not quote'}", 'XYZZY' in op or 'XYZZY' in export)
finally:
    srv.stop()

# --- 12: per-tenant bounds (MaxUsers=2) ---
srv = Server({"Memory__Quotas__Default__MaxUsers": "2"})
assert srv.wait()
try:
    sts = [req(srv, "POST", f"/api/users/u{i}/memories", {"text": f"fact {i}"}, {"x-tenant-id": "t12"})[0] for i in range(3)]
    record("12 MaxUsers=2: memories for 3 new users of one tenant", f"{sts}", sts[2] == 201)
finally:
    srv.stop()

# --- 10: model stamp lost ---
data = tempfile.mkdtemp(prefix="issue25-probe-")
srv = Server(data=data)
assert srv.wait()
req(srv, "POST", "/api/users/dan/memories", {"text": "dan likes chess"})
srv.stop()
stamp = os.path.join(data, "embedding-model.json")
had = os.path.exists(stamp)
if had: os.remove(stamp)
srv = Server(data=data)
started = srv.wait(60)
srv.stop()
record("10 vectors but embedding-model.json lost: restart", f"stamp existed {had}; restart {'served' if started else 'refused'}; stamp {'re-written' if os.path.exists(stamp) else 'absent'}", started)
shutil.rmtree(data, ignore_errors=True)

# --- 4: a user's own key flushes the tenant's audit trail (erase record evicted by the user's exports) ---
admin_key, user_key = "probe-admin-key-" + "a" * 40, "probe-user-key-" + "b" * 40
keys = {
    "Memory__Auth__Keys__0__Id": "admin", "Memory__Auth__Keys__0__Hash": "sha256:" + hashlib.sha256(admin_key.encode()).hexdigest(),
    "Memory__Auth__Keys__0__Tenants__0": "t4", "Memory__Auth__Keys__0__Role": "Admin",
    "Memory__Auth__Keys__1__Id": "selfie", "Memory__Auth__Keys__1__Hash": "sha256:" + hashlib.sha256(user_key.encode()).hexdigest(),
    "Memory__Auth__Keys__1__Tenants__0": "t4", "Memory__Auth__Keys__1__User": "uu", "Memory__Auth__Keys__1__Role": "Write",
    "Memory__Audit__MaxRecordsPerTenant": "100", "Memory__Audit__MaxRecordsPerActor": "100",
}
data = tempfile.mkdtemp(prefix="issue25-probe-")
srv = Server(keys, data=data)
assert srv.wait()
try:
    a = {"x-tenant-id": "t4", "x-functions-key": admin_key}
    u = {"x-tenant-id": "t4", "x-functions-key": user_key}
    req(srv, "POST", "/api/users/victim/memories", {"text": "victim fact"}, a)
    st_erase = req(srv, "DELETE", "/api/users/victim", None, a)[0]
    time.sleep(1)
    sts = [req(srv, "GET", "/api/users/uu/export", None, u)[0] for _ in range(120)]
finally:
    srv.stop()
env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Memory__Local__DataDirectory=data, Memory__Embeddings__Provider="Hashing", **keys)
out = subprocess.run(["dotnet", DLL, "audit", "--tenant", "t4", "--limit", "1000", "--url", "http://127.0.0.1:1"], cwd=os.path.dirname(DLL), env=env, capture_output=True, text=True, timeout=120)
erase_kept = "eraseUser" in out.stdout
record("4 user-bound key exports itself 120 times at the minimum audit cap (100)", f"erase {st_erase}, exports {sorted(set(sts))}, audit lists {out.stdout.count(chr(10))} records, eraseUser {'kept' if erase_kept else 'gone'}", not erase_kept)
shutil.rmtree(data, ignore_errors=True)

print(json.dumps(results))
