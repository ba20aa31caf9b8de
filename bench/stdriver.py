"""A load driver that speaks Streamlit's websocket protocol as a browser tab does.

A `Tab` opens /_stcore/stream, asks for a script run (with the page's query string), keeps the
widgets the server sent, and acts on them by label the way a person would in a browser:

- a widget outside a form reruns the script (or only its fragment) when its value changes;
- a widget inside an `st.form` changes nothing on the server until the form's submit button is
  clicked, which is one round trip carrying every value (so a ballot form is one round trip);
- a fragment with `run_every` is a browser-side timer: `start_timers()` sends its reruns;
- a custom component (`st.components.v2`) sends trigger values: `trigger(name, event, value)`;
  its data is kept, the texts in it (`{"kind": ..., "text": ...}`) count as shown, and one that
  watches a signal file (`data["signal"]`) fetches it over HTTP as the browser would once
  `start_timers()` runs, asking for a run only when the file's text changes.

Every round trip (BackMsg sent -> the run's `script_finished`) is timed. Needs only `streamlit`
(its protobuf classes) and `websockets`. Used by bench/room.py; never part of the test run.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

WIDGET_KINDS = (
    "button",
    "text_input",
    "text_area",
    "radio",
    "selectbox",
    "checkbox",
    "number_input",
    "slider",
    "multiselect",
    "button_group",
    "download_button",
)
TEXT_KINDS = ("markdown", "heading", "text", "alert", "toast", "code")
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
TIMEOUT_S = 60.0


class PageError(RuntimeError):
    """The page showed an exception, an error message, or lacked the text that acknowledges."""


@dataclass
class Widget:
    kind: str
    id: str
    label: str
    form_id: str
    fragment_id: str
    options: tuple[str, ...] = ()


@dataclass
class Component:
    name: str
    id: str
    fragment_id: str
    data: object = None


@dataclass
class Shown:
    """What one run put on the page: texts, error messages, exceptions."""

    texts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)

    def has(self, text: str) -> bool:
        return any(text in t for t in self.texts)


class Tab:
    """One browser tab on one Streamlit page."""

    def __init__(self, url: str, query: str = "", page: str = ""):
        """`page` is the URL path of an st.navigation page ("architecture" for /architecture)."""
        self.ws_url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.query = query
        self.page_name = page
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.values: dict[str, dict] = {}  # widget id -> WidgetState field: value
        self.components: dict[str, Component] = {}  # component name -> the last one drawn
        self.http_url = url.rstrip("/")
        self.timers: dict[str, float] = {}  # fragment id -> interval (s)
        self.shown = Shown()
        self._current = Shown()
        self._lock = asyncio.Lock()
        self._timer_tasks: list[asyncio.Task] = []
        self.poll_ms: list[float] = []

    async def open(self) -> float:
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=2**26, open_timeout=TIMEOUT_S, ping_interval=None)
        return await self.rerun()

    async def close(self) -> None:
        for task in self._timer_tasks:
            task.cancel()
        await self.ws.close()

    async def __aenter__(self) -> Tab:
        await self.open()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    # --- round trips ---------------------------------------------------------------------

    async def rerun(
        self, trigger: str | None = None, fragment_id: str = "", auto: bool = False, json_trigger: tuple[str, str] | None = None
    ) -> float:
        """One round trip; returns its duration in ms. A fragment rerun keeps the other widgets."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        if not self.page_hash:
            state.page_name = self.page_name
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        for wid, value in self.values.items():
            w = state.widget_states.widgets.add()
            w.id = wid
            for name, v in value.items():
                if name.endswith("_array_value"):  # a segmented control's or pills' choice: a message
                    getattr(w, name).data.extend(v)
                else:
                    setattr(w, name, v)
        if trigger:
            w = state.widget_states.widgets.add()
            w.id, w.trigger_value = trigger, True
        if json_trigger:
            w = state.widget_states.widgets.add()
            w.id, w.json_trigger_value = json_trigger
        async with self._lock:
            if not fragment_id:
                self.widgets, self.timers = {}, {}
            self._current = Shown()
            started = time.perf_counter()
            await self.ws.send(msg.SerializeToString())
            await asyncio.wait_for(self._until_finished(), TIMEOUT_S)
            took = (time.perf_counter() - started) * 1000
            if not auto:  # a timer's poll does not hide what the person's last action showed
                self.shown = self._current
            return took

    async def _until_finished(self) -> None:
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":  # an st.navigation app: the page actually shown
                self.page_hash = fm.navigation.page_script_hash or self.page_hash
            elif kind == "page_not_found":
                raise PageError(f"no page {self.page_name!r}")
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string
            elif kind == "auto_rerun":
                self.timers[fm.auto_rerun.fragment_id] = fm.auto_rerun.interval
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._note(fm.delta.new_element, fm.delta.fragment_id)
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # st.rerun() or switch_page: the run goes on
                if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise PageError("the page's script failed to compile")
                return

    def _note(self, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind in WIDGET_KINDS:
            proto = getattr(element, kind)
            self.widgets[proto.label] = Widget(kind, proto.id, proto.label, proto.form_id, fragment_id, tuple(getattr(proto, "options", ())))
        elif kind == "bidi_component":
            proto = element.bidi_component
            data = json.loads(proto.json) if proto.WhichOneof("data") == "json" and proto.json else None
            self.components[proto.component_name] = Component(proto.component_name, proto.id, fragment_id, data)
            for kind_, text in _texts_in(data):
                self._current.texts.append(text)
                if kind_ == "error":
                    self._current.errors.append(text)
        elif kind == "exception":
            self._current.exceptions.append(element.exception.message[:300])
        elif kind in TEXT_KINDS:
            body = getattr(element, kind)
            text = getattr(body, "body", "") or getattr(body, "text", "")
            self._current.texts.append(text)
            if kind == "alert" and body.format == Alert.ERROR:
                self._current.errors.append(text)

    # --- what a person does --------------------------------------------------------------

    def widget(self, label: str) -> Widget:
        if self.shown.exceptions:
            raise PageError(f"the page shows an exception: {self.shown.exceptions[0]}")
        found = self.widgets.get(label)
        if found is None:
            raise LookupError(f"no widget labelled {label!r}; have {sorted(self.widgets)[:12]}")
        return found

    async def set(self, label: str, value: object) -> float:
        """Type, pick or tick; reruns unless the widget sits in a form (then 0 ms: nothing sent)."""
        w = self.widget(label)
        if w.kind in ("radio", "selectbox"):  # Streamlit 1.67 sends the option's label
            if str(value) not in w.options:
                raise LookupError(f"{label!r} has no option {value!r}: {list(w.options)}")
            self.values[w.id] = {"string_value": str(value)}
        elif w.kind in ("text_input", "text_area"):
            self.values[w.id] = {"string_value": str(value)}
        elif w.kind == "checkbox":
            self.values[w.id] = {"bool_value": bool(value)}
        elif w.kind in ("number_input", "slider"):
            self.values[w.id] = {"double_value": float(value)}
        elif w.kind == "button_group":  # a segmented control: the option's label, as the browser sends it
            self.values[w.id] = {"string_array_value": [str(value)]}
        else:
            raise ValueError(f"cannot set a {w.kind}")
        if w.form_id:
            return 0.0
        return await self.rerun(fragment_id=w.fragment_id)

    async def click(self, label: str) -> float:
        w = self.widget(label)
        return await self.rerun(trigger=w.id, fragment_id=w.fragment_id)

    def component(self, name: str) -> Component:
        if self.shown.exceptions:
            raise PageError(f"the page shows an exception: {self.shown.exceptions[0]}")
        found = self.components.get(name)
        if found is None:
            raise LookupError(f"no component {name!r}; have {sorted(self.components)}")
        return found

    async def trigger(self, name: str, event: str, value: object) -> float:
        """What the component's `setTriggerValue(event, value)` sends: one run of its fragment."""
        c = self.component(name)
        payload = json.dumps([{"event": event, "value": value}])
        return await self.rerun(fragment_id=c.fragment_id, json_trigger=(f"$$STREAMLIT_INTERNAL_KEY_{c.id}__events", payload))

    async def do(self, steps: list[tuple], **names) -> float:
        """Perform steps like ("set", "Rate", "{score}") / ("click", "Submit"); returns the total ms
        of the round trips they caused. `{name}` in a value is filled from `names`."""
        total = 0.0
        for op, label, *rest in steps:
            if op == "set":
                value = rest[0].format(**names) if isinstance(rest[0], str) else rest[0]
                total += await self.set(label, value)
            elif op == "type":  # text typed into a field, sent with the next click (no round trip of its own)
                self.values[self.widget(label).id] = {"string_value": rest[0].format(**names)}
            elif op == "click":
                total += await self.click(label)
            elif op == "trigger":  # ("trigger", component, event, value or value(data, **names))
                event, value = rest
                if callable(value):
                    value = value(self.component(label).data, **names)
                total += await self.trigger(label, event, value)
            else:
                raise ValueError(op)
        return total

    def check(self, expect: str = "") -> None:
        """Raise unless the last run was clean and (if given) showed the acknowledging text."""
        if self.shown.exceptions:
            raise PageError(f"exception: {self.shown.exceptions[0]}")
        if self.shown.errors:
            raise PageError(f"error shown: {self.shown.errors[0][:200]}")
        if expect and not self.shown.has(expect):
            raise PageError(f"the acknowledgement {expect!r} was not shown")

    # --- browser-side timers -------------------------------------------------------------

    def start_timers(self) -> None:
        """Fire each `run_every` fragment as the browser would, and fetch each component's signal
        file, timing each poll."""
        for fragment_id, interval in list(self.timers.items()):
            self._timer_tasks.append(asyncio.create_task(self._tick(fragment_id, interval)))
        for c in list(self.components.values()):
            if isinstance(c.data, dict) and c.data.get("signal"):
                self._timer_tasks.append(asyncio.create_task(self._watch(c.name)))

    async def _watch(self, name: str) -> None:
        """The ballot's watcher: fetch the signal file every `every` s (±20 %), rerun on a change."""
        client = HttpClient(self.http_url)
        asked_for = None
        try:
            while True:
                signal = self.components[name].data["signal"]
                await asyncio.sleep(signal["every"] * random.uniform(0.8, 1.2))
                started = time.perf_counter()
                try:
                    status, body = await client.get(signal["url"])
                except (OSError, asyncio.IncompleteReadError):
                    return
                self.poll_ms.append((time.perf_counter() - started) * 1000)
                text = body.decode().strip() if status == 200 else ""
                if text != signal["seen"] and text != asked_for:
                    asked_for = text
                    await self.trigger(name, "room", text)
        finally:
            client.close()

    async def _tick(self, fragment_id: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                self.poll_ms.append(await self.rerun(fragment_id=fragment_id, auto=True))
            except (TimeoutError, websockets.ConnectionClosed):
                return


def _texts_in(data) -> list[tuple[str, str]]:
    """The messages a component's data carries: every {"kind": ..., "text": ...} in it."""
    found: list[tuple[str, str]] = []
    if isinstance(data, dict):
        if isinstance(data.get("text"), str) and isinstance(data.get("kind"), str):
            found.append((data["kind"], data["text"]))
        for value in data.values():
            found += _texts_in(value)
    elif isinstance(data, list):
        for value in data:
            found += _texts_in(value)
    return found


class HttpClient:
    """A keep-alive HTTP/1.1 GET, as a browser tab fetches a small file again and again."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nCache-Control: no-store\r\n\r\n".encode())
                await self.writer.drain()
                head = await self.reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split()[1])
                headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
                body = await self.reader.readexactly(int(headers.get("content-length", "0")))
                if headers.get("connection", "").lower() == "close":
                    self.close()
                return status, body
            except (OSError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
        raise OSError("unreachable")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> str:
    if not values:
        return "n=0"
    return f"n={len(values)} p50={statistics.median(values):.0f} ms p95={percentile(values, 95):.0f} ms max={max(values):.0f} ms"
