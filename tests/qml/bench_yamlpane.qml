import QtQuick
import QtTest
import Signalbox
import Signalbox.Models

// The YAML pane with a 1 MiB workflow (the size limit): the time until the first frame after
// opening it, after replacing the pane's text, after a keystroke in the middle, after a scroll
// and after a theme switch. A benchmark, not a test (it asserts no timing, and its name does not
// match the tst_*.qml that ctest runs). Run it alone, in the side pane's width:
//   QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software \
//       build/tests/qml/tst_designer_qml -input tests/qml/bench_yamlpane.qml
Item {
    id: root

    width: 400
    height: 900

    WorkflowDocument {
        id: doc
    }
    YamlPane {
        id: pane
        anchors.fill: parent
        document: doc
    }

    TestCase {
        id: bench

        property real lastFrame: 0

        // 300 states with block scalars, templates, paths, flow mappings and comments, padded
        // with comment lines to just under 1 MiB.
        function bigYaml() {
            const out = ["workflow:", "  name: big-one", "  # the YAML pane benchmark",
                         "  start_at: s0", "  states:"]
            const n = 300
            for (let i = 0; i < n; ++i) {
                out.push("    s" + i + ":", "      type: task",
                         "      comment: \"Step " + i + " says {{$.order.id}} and 'quotes'\"",
                         "      run:", "        command: [sh, -c, 'echo " + i + " && exit 0']",
                         "      result_path: $.results.step" + i,
                         "      retry: {attempts: 3, backoff: exponential}   # bounded",
                         "      parameters:",
                         "        message.$: States.Format('Step {} done', $.order.id)",
                         "        count: 42", "        enabled: true", "        notes: |")
                for (let k = 0; k < 30; ++k)
                    out.push("          line " + k + " of the notes of step " + i
                             + ": the value {{$.x}} and more text to fill")
                out.push(i + 1 < n ? "      next: s" + (i + 1) : "      end: true")
            }
            let text = out.join("\n") + "\n"
            let size = text.length // ASCII: characters are bytes
            for (let k = 0; size + 90 < 1024 * 1024; ++k) {
                const line = "# padding comment line " + k + " ......................................\n"
                text += line
                size += line.length
            }
            return text
        }
        function flickable() {
            let f = pane.editor.parent
            while (f && f.contentY === undefined)
                f = f.parent
            return f
        }
        // Milliseconds from t0 until the first frame shown after it.
        function frameAfter(t0) {
            tryVerify(() => bench.lastFrame >= t0, 20000)
            return bench.lastFrame - t0
        }
        function median(list) {
            const sorted = list.slice().sort((a, b) => a - b)
            return sorted[Math.floor(sorted.length / 2)]
        }

        name: "YamlPaneBench"
        when: windowShown

        Connections {
            target: root.Window.window
            function onFrameSwapped() {
                bench.lastFrame = Date.now()
            }
        }

        function test_oneMebibyte() {
            const text = bigYaml()
            const runs = { open: [], replace: [], keystroke: [], scroll: [], theme: [] }
            for (let r = 0; r < 5; ++r) {
                doc.newWorkflow()
                Theme.mode = "light"
                wait(100)
                let t0 = Date.now()
                verify(doc.loadText(text, "big.yaml"))
                runs.open.push(frameAfter(t0))

                wait(100)
                t0 = Date.now()
                pane.editor.text = ""
                pane.editor.text = text
                runs.replace.push(frameAfter(t0))

                const flick = flickable()
                let total = 0
                for (let s = 1; s <= 10; ++s) {
                    wait(20)
                    t0 = Date.now()
                    flick.contentY = (flick.contentHeight - flick.height) * s / 11
                    total += frameAfter(t0)
                }
                runs.scroll.push(total / 10)

                // Typing at the end of a short line in the middle (typing on the longest line
                // widens the editor at each key, and Qt lays the whole text out again then).
                pane.editor.forceActiveFocus()
                const line = "    s150:\n      type: task"
                pane.editor.cursorPosition = text.indexOf(line) + line.length
                total = 0
                for (let k = 0; k < 10; ++k) {
                    wait(50)
                    t0 = Date.now()
                    keyClick(Qt.Key_X)
                    total += frameAfter(t0)
                }
                runs.keystroke.push(total / 10)
                pane.editor.focus = false

                wait(100)
                t0 = Date.now()
                Theme.mode = "dark"
                runs.theme.push(frameAfter(t0))
            }
            for (const k in runs)
                console.log("BENCH", k, "median", median(runs[k]), "ms; runs", JSON.stringify(runs[k]))
        }
    }
}
