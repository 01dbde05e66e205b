#!/usr/bin/python3
"""Drive Debian's headless Chromium through chromedriver (W3C WebDriver, plain HTTP).

browser.py PORT SCRIPT: runs the steps of SCRIPT, one a line:
  open URL            navigate
  shot FILE           save a screenshot (PNG)
  dom FILE            save the page's DOM (document.documentElement.outerHTML)
  type CSS TEXT       type TEXT into the element CSS (no space in it) selects
  click CSS           click the element CSS (the rest of the line) selects
  wait TEXT           wait (10 s at most) until the page holds TEXT
  pdf FILE            print the page to PDF, A4 (WebDriver's print)
Exits non-zero, with the step, on the first failure.
"""
import base64, json, subprocess, sys, time, urllib.request

port, script = int(sys.argv[1]), sys.argv[2]
drv = subprocess.Popen(["chromedriver", "--port=%d" % port], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
base = "http://127.0.0.1:%d" % port


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())["value"]


try:
    for _ in range(100):
        try:
            call("GET", "/status")
            break
        except Exception:
            time.sleep(0.1)
    caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"args": [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1300",
        "--lang=zh-CN"]}}}}
    sid = call("POST", "/session", caps)["sessionId"]
    s = "/session/" + sid
    for line in open(script, encoding="utf-8"):
        step = line.rstrip("\n").split(" ", 2)
        if not step[0]:
            continue
        if step[0] == "open":
            call("POST", s + "/url", {"url": step[1]})
        elif step[0] == "shot":
            open(step[1], "wb").write(base64.b64decode(call("GET", s + "/screenshot")))
        elif step[0] == "pdf":
            pdf = call("POST", s + "/print", {"orientation": "portrait", "background": True,
                                               "page": {"width": 21.0, "height": 29.7}})
            open(step[1], "wb").write(base64.b64decode(pdf))
        elif step[0] == "dom":
            html = call("POST", s + "/execute/sync",
                        {"script": "return document.documentElement.outerHTML", "args": []})
            open(step[1], "w", encoding="utf-8").write(html)
        elif step[0] == "wait":
            want = line.rstrip("\n").split(" ", 1)[1]
            for _ in range(100):
                html = call("POST", s + "/execute/sync",
                            {"script": "return document.documentElement.outerHTML", "args": []})
                if want in html:
                    break
                time.sleep(0.1)
            else:
                raise SystemExit("the page never held " + want)
        elif step[0] in ("type", "click"):
            css = step[1] if step[0] == "type" else line.rstrip("\n").split(" ", 1)[1]
            el = call("POST", s + "/element", {"using": "css selector", "value": css})
            eid = list(el.values())[0]
            if step[0] == "type":
                call("POST", s + "/element/%s/value" % eid, {"text": step[2]})
            else:
                call("POST", s + "/element/%s/click" % eid, {})
        else:
            raise SystemExit("unknown step: " + line)
    call("DELETE", s)
except Exception as e:
    print("browser: %s: %s" % (line.strip() if 'line' in dir() else "start", e), file=sys.stderr)
    sys.exit(1)
finally:
    drv.kill()
