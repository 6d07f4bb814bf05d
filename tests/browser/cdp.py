"""A small Chrome DevTools Protocol client over --remote-debugging-pipe (standard library
only): starts headless chromium with the protocol on file descriptors 3 (commands in) and 4
(replies and events out), NUL-separated JSON, and records what a page does."""

import json
import os
import shutil
import subprocess
import tempfile

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class Browser:
    def __init__(self, width: int = 1200, height: int = 900):
        self.profile = tempfile.mkdtemp(prefix="orgnet-cdp-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire():  # in the child: the pipe ends on the descriptors chromium expects
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--window-size=%d,%d" % (width, height),
             "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire,  # kept open after wire() ran
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def _read_message(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: str = None, **params) -> dict:
        self._next_id += 1
        command = {"id": self._next_id, "method": method, "params": params}
        if session:
            command["sessionId"] = session
        os.write(self._to_browser, json.dumps(command).encode() + b"\0")
        while True:
            message = self._read_message()
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, session: str = None) -> dict:
        for i, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            message = self._read_message()
            if message.get("method") == method and message.get("sessionId") == session:
                return message
            self.events.append(message)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """A page of the browser: opens a URL and records console errors, exceptions and every
    request the page makes."""

    def __init__(self, browser: Browser):
        self.browser = browser
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = browser.call("Target.attachToTarget", targetId=target,
                                    flatten=True)["sessionId"]
        for domain in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            browser.call(domain, self.session)
        self.url = None

    def open(self, url: str) -> None:
        self.url = url
        self.browser.call("Page.navigate", self.session, url=url)
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression: str):
        result = self.browser.call("Runtime.evaluate", self.session, expression=expression,
                                   returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError("script failed: %s" % result["exceptionDetails"])
        return result["result"].get("value")

    def problems(self):
        """Console errors, uncaught exceptions, and requests other than the page itself
        (inline data: URLs are not requests)."""
        # A round trip, so that the events the page made so far have arrived.
        self.evaluate("1")
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console error: %s" % params.get("args"))
            elif method == "Runtime.exceptionThrown":
                found.append("exception: %s" % params.get("exceptionDetails", {}).get("text"))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append("log error: %s" % params["entry"].get("text"))
            elif method == "Network.requestWillBeSent":
                url = params.get("request", {}).get("url", "")
                if url != self.url and not url.startswith("data:"):
                    found.append("request: %s" % url)
        return found

    def screenshot(self, selector: str, path: str) -> None:
        import base64
        box = self.evaluate("(() => { const r = document.querySelector(%s)"
                            ".getBoundingClientRect(); return [r.left + window.scrollX, "
                            "r.top + window.scrollY, r.width, r.height]; })()"
                            % json.dumps(selector))
        x, y, width, height = box
        data = self.browser.call("Page.captureScreenshot", self.session, format="png",
                                 captureBeyondViewport=True,
                                 clip={"x": x, "y": y, "width": max(1, width),
                                       "height": max(1, min(height, 8000)), "scale": 1})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def pdf(self) -> bytes:
        import base64
        return base64.b64decode(self.browser.call("Page.printToPDF", self.session,
                                                  paperWidth=8.27, paperHeight=11.69)["data"])
