pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The selected execution's history on a time axis (TimelineModel): one lane per state, a bar per
// visit, attempts inside task visits, the backoff before a retry hatched amber, waits and
// approvals hatched violet, failures red; open bars grow with the clock. Click a bar to inspect
// its state; hover for its times. Filtered by the same text as the table.
Item {
    id: view

    required property HistoryModel history
    property string filterText
    property string currentState
    property real now: Date.now()
    property real zoom: 1
    property alias timeline: timelineModel
    readonly property int laneHeight: 30
    readonly property int labelWidth: 180
    readonly property int axisHeight: 26
    readonly property real t0: timelineModel.startMs
    readonly property real t1: Math.max(timelineModel.live ? Math.max(now, timelineModel.endMs)
                                                           : timelineModel.endMs, t0 + 1000)
    readonly property real chartWidth: Math.max(100, (flick.width - 24) * zoom)
    readonly property real pxPerMs: chartWidth / (t1 - t0)
    readonly property real tickStep: niceStep((t1 - t0) / Math.max(1, chartWidth / 110))

    signal stateClicked(string name)

    function niceStep(raw: real): real {
        const steps = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000,
                       120000, 300000, 600000, 900000, 1800000, 3600000, 7200000, 21600000,
                       43200000, 86400000]
        for (let i = 0; i < steps.length; ++i)
            if (steps[i] >= raw)
                return steps[i]
        return Math.ceil(raw / 86400000) * 86400000
    }
    // Elapsed time since the start, as a person reads it: 850 ms, 4.5 s, 2:05, 1:02:05.
    function elapsed(ms: real): string {
        if (ms <= 0)
            return "0"
        if (ms < 1000)
            return qsTr("%1 ms").arg(Math.round(ms))
        if (ms < 60000)
            return qsTr("%1 s").arg(Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)))
        const s = Math.round(ms / 1000)
        const pad = n => (n < 10 ? "0" : "") + n
        if (s < 3600)
            return Math.floor(s / 60) + ":" + pad(s % 60)
        return Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60)
    }
    function barColor(bar: string, kind: string, status: string): color {
        if (status === "failed" || status === "cancelled")
            return RunStatus.color(status)
        if (bar === "backoff")
            return RunStatus.color("retrying")
        if (kind === "wait" || kind === "approval" || kind === "event" || kind === "activity")
            return RunStatus.color("waiting")
        return RunStatus.color(status)
    }

    objectName: "historyTimeline"
    clip: true

    TimelineModel {
        id: timelineModel
        // Only while the timeline is shown: its lanes and bars are items (Repeaters), one lane per
        // state per map iteration, so following a big map unseen stalled the whole window.
        history: view.visible ? view.history : null
        filter: view.filterText
    }
    // Open bars grow smoothly while the view is shown.
    Timer {
        interval: 250
        repeat: true
        running: timelineModel.live && view.visible
        onTriggered: view.now = Date.now()
    }

    Label {
        anchors.centerIn: parent
        visible: timelineModel.count === 0 || timelineModel.lanes.length === 0
        text: timelineModel.count === 0 ? qsTr("Nothing has happened yet.")
                                        : qsTr("No state matches the filter.")
        color: Theme.textMuted
    }

    // Lane labels, scrolled with the chart.
    Item {
        id: labels
        x: 0
        y: view.axisHeight
        width: view.labelWidth
        height: view.height - view.axisHeight - legend.height
        clip: true
        Column {
            y: -flick.contentY
            Repeater {
                model: timelineModel.lanes
                delegate: Rectangle {
                    id: laneLabel
                    required property string modelData
                    required property int index
                    readonly property string stateName: timelineModel.laneStates[index] ?? ""
                    width: view.labelWidth
                    height: view.laneHeight
                    color: stateName === view.currentState && stateName !== ""
                           ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.12)
                           : index % 2 ? Theme.panelAlt : Theme.panel
                    Label {
                        anchors.fill: parent
                        anchors.leftMargin: 10
                        anchors.rightMargin: 8
                        verticalAlignment: Text.AlignVCenter
                        text: laneLabel.modelData
                        elide: Text.ElideMiddle
                        font.pixelSize: Theme.smallFontSize
                        font.bold: laneLabel.stateName === view.currentState
                        color: Theme.text
                    }
                    TapHandler {
                        onTapped: view.stateClicked(laneLabel.stateName)
                    }
                }
            }
        }
        Rectangle {
            anchors.right: parent.right
            width: 1
            height: parent.height
            color: Theme.border
        }
    }

    // Time axis, scrolled with the chart.
    Rectangle {
        id: axis
        x: view.labelWidth
        width: view.width - view.labelWidth
        height: view.axisHeight
        color: Theme.panelAlt
        clip: true
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: Theme.border
        }
        Repeater {
            model: Math.min(400, Math.floor((view.t1 - view.t0) / view.tickStep) + 1)
            delegate: Item {
                id: tick
                required property int index
                x: 12 + tick.index * view.tickStep * view.pxPerMs - flick.contentX
                height: axis.height
                Rectangle {
                    anchors.bottom: parent.bottom
                    width: 1
                    height: 6
                    color: Theme.textMuted
                }
                Label {
                    x: 3
                    anchors.verticalCenter: parent.verticalCenter
                    text: view.elapsed(tick.index * view.tickStep)
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.textMuted
                }
            }
        }
    }
    Label {
        x: 10
        width: view.labelWidth - 12
        height: view.axisHeight
        verticalAlignment: Text.AlignVCenter
        text: qsTr("State")
        font.bold: true
        font.pixelSize: Theme.smallFontSize
        color: Theme.textMuted
    }

    Flickable {
        id: flick
        objectName: "timelineChart"
        x: view.labelWidth
        y: view.axisHeight
        width: view.width - view.labelWidth
        height: view.height - view.axisHeight - legend.height
        contentWidth: view.chartWidth + 24
        contentHeight: timelineModel.lanes.length * view.laneHeight
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.horizontal: ScrollBar {}
        ScrollBar.vertical: ScrollBar {}

        // Ctrl+wheel zooms the time axis.
        WheelHandler {
            acceptedModifiers: Qt.ControlModifier
            onWheel: event => {
                view.zoom = Math.max(1, Math.min(16, view.zoom * (event.angleDelta.y > 0 ? 1.25 : 0.8)))
            }
        }

        // Lane stripes and grid lines.
        Repeater {
            model: timelineModel.lanes
            delegate: Rectangle {
                id: stripe
                required property int index
                readonly property string stateName: timelineModel.laneStates[index] ?? ""
                y: index * view.laneHeight
                width: flick.contentWidth
                height: view.laneHeight
                color: stateName === view.currentState && stateName !== ""
                       ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.08)
                       : index % 2 ? Theme.panelAlt : Theme.panel
            }
        }
        Repeater {
            model: Math.min(400, Math.floor((view.t1 - view.t0) / view.tickStep) + 1)
            delegate: Rectangle {
                required property int index
                x: 12 + index * view.tickStep * view.pxPerMs
                width: 1
                height: Math.max(flick.height, flick.contentHeight)
                color: Theme.border
                opacity: 0.6
            }
        }

        // The bars.
        Repeater {
            model: timelineModel
            delegate: Item {
                id: barItem

                required property int index
                required property string state
                required property string frame
                required property int shownLane
                required property string bar
                required property string kind
                required property string status
                required property int attempt
                required property int visit
                required property real startMs
                required property real endMs
                required property bool open
                required property real dueMs
                required property string label
                readonly property bool isVisit: bar === "visit"
                readonly property bool hatched: bar === "backoff" || kind === "wait"
                    || kind === "approval" || kind === "event" || kind === "activity"
                readonly property bool track: isVisit && (kind === "task" || kind === "branches")
                readonly property color tint: view.barColor(bar, kind, status)
                readonly property real end: open ? view.t1 : endMs

                objectName: "bar:" + state + ":" + bar + ":" + attempt
                visible: shownLane >= 0
                x: 12 + (startMs - view.t0) * view.pxPerMs
                y: shownLane * view.laneHeight + (isVisit ? 5 : 9)
                z: isVisit ? 1 : 2
                width: Math.max(isVisit ? 4 : 3, (end - startMs) * view.pxPerMs)
                height: view.laneHeight - (isVisit ? 10 : 18)

                // The planned end of an open backoff.
                Rectangle {
                    visible: barItem.bar === "backoff" && barItem.open && barItem.dueMs > view.t1
                    x: parent.width
                    width: Math.max(0, (barItem.dueMs - view.t1) * view.pxPerMs)
                    height: parent.height
                    color: "transparent"
                    border.color: barItem.tint
                    border.width: 1
                    opacity: 0.5
                    radius: 2
                }
                Rectangle {
                    id: body
                    anchors.fill: parent
                    radius: 3
                    color: barItem.hatched
                           ? Qt.rgba(barItem.tint.r, barItem.tint.g, barItem.tint.b, Theme.dark ? 0.22 : 0.14)
                           : barItem.track
                             ? Qt.rgba(barItem.tint.r, barItem.tint.g, barItem.tint.b, Theme.dark ? 0.16 : 0.10)
                             : barItem.tint
                    border.color: barItem.tint
                    border.width: barItem.hatched || barItem.track ? 1 : 0
                    opacity: hover.hovered ? 0.85 : 1
                }
                Canvas {
                    id: hatch
                    anchors.fill: parent
                    anchors.margins: 1
                    visible: barItem.hatched && width > 2
                    onWidthChanged: requestPaint()
                    onHeightChanged: requestPaint()
                    onVisibleChanged: requestPaint()
                    Connections {
                        target: barItem
                        function onTintChanged() { hatch.requestPaint() }
                    }
                    onPaint: {
                        const ctx = getContext("2d")
                        ctx.reset()
                        ctx.strokeStyle = barItem.tint
                        ctx.lineWidth = 1.4
                        ctx.globalAlpha = 0.75
                        ctx.beginPath()
                        for (let x = -height; x < width; x += 7) {
                            ctx.moveTo(x, height)
                            ctx.lineTo(x + height, 0)
                        }
                        ctx.stroke()
                    }
                }
                Label {
                    anchors.verticalCenter: parent.verticalCenter
                    x: 5
                    width: parent.width - 8
                    visible: text !== "" && width > implicitWidth
                    text: barItem.bar === "attempt" && barItem.kind === "task"
                          ? "#" + barItem.attempt
                          : barItem.isVisit && !barItem.track && barItem.visit > 1 ? "×" + barItem.visit : ""
                    font.pixelSize: Theme.textPixels(10)
                    font.bold: true
                    color: barItem.hatched || barItem.track ? barItem.tint : "#ffffff"
                }
                HoverHandler {
                    id: hover
                    cursorShape: Qt.PointingHandCursor
                }
                TapHandler {
                    onTapped: view.stateClicked(barItem.state)
                }
                ToolTip.visible: hover.hovered
                ToolTip.delay: 300
                ToolTip.text: (barItem.frame !== "" ? barItem.frame + "/" : "") + barItem.state
                              + " · " + (barItem.bar === "attempt" ? qsTr("attempt %1").arg(barItem.attempt)
                                         : barItem.bar === "backoff" ? qsTr("backoff before attempt %1").arg(barItem.attempt)
                                         : barItem.kind) + " · " + RunStatus.label(barItem.open ? barItem.status : barItem.status)
                              + "\n" + qsTr("from +%1, %2%3").arg(view.elapsed(barItem.startMs - view.t0))
                                  .arg(view.elapsed(barItem.end - barItem.startMs))
                                  .arg(barItem.open ? qsTr(" so far") : "")
                              + (barItem.label !== "" && !barItem.isVisit ? "\n" + barItem.label : "")
            }
        }

        // Now.
        Rectangle {
            visible: timelineModel.live
            x: 12 + (view.now - view.t0) * view.pxPerMs
            z: 3
            width: 1
            height: Math.max(flick.height, flick.contentHeight)
            color: Theme.accent
            opacity: 0.7
        }
    }

    // Legend and zoom.
    Rectangle {
        id: legend
        anchors.bottom: parent.bottom
        width: parent.width
        height: 30
        color: Theme.panel
        Rectangle {
            width: parent.width
            height: 1
            color: Theme.border
        }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 10
            anchors.rightMargin: 8
            spacing: 14
            Repeater {
                model: [{ t: qsTr("Running"), c: RunStatus.color("running"), h: false },
                        { t: qsTr("Succeeded"), c: RunStatus.color("succeeded"), h: false },
                        { t: qsTr("Failed"), c: RunStatus.color("failed"), h: false },
                        { t: qsTr("Backoff before a retry"), c: RunStatus.color("retrying"), h: true },
                        { t: qsTr("Waiting (timer, event, approval, person)"), c: RunStatus.color("waiting"), h: true }]
                delegate: Row {
                    id: legendItem
                    required property var modelData
                    spacing: 5
                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        width: 18
                        height: 10
                        radius: 2
                        color: legendItem.modelData.h
                               ? Qt.rgba(legendItem.modelData.c.r, legendItem.modelData.c.g,
                                         legendItem.modelData.c.b, 0.18)
                               : legendItem.modelData.c
                        border.color: legendItem.modelData.c
                        Canvas {
                            id: legendHatch
                            anchors.fill: parent
                            visible: legendItem.modelData.h
                            onWidthChanged: requestPaint()
                            Connections {
                                target: Theme
                                function onDarkChanged() { legendHatch.requestPaint() }
                            }
                            onPaint: {
                                const ctx = getContext("2d")
                                ctx.reset()
                                ctx.strokeStyle = legendItem.modelData.c
                                ctx.lineWidth = 1.2
                                ctx.beginPath()
                                for (let x = -height; x < width; x += 5) {
                                    ctx.moveTo(x, height)
                                    ctx.lineTo(x + height, 0)
                                }
                                ctx.stroke()
                            }
                        }
                    }
                    Label {
                        anchors.verticalCenter: parent.verticalCenter
                        text: legendItem.modelData.t
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.textMuted
                    }
                }
            }
            Item { Layout.fillWidth: true }
            Label {
                text: qsTr("Total %1").arg(view.elapsed(view.t1 - view.t0))
                font.pixelSize: Theme.smallFontSize
                color: Theme.textMuted
            }
            ToolButton {
                Accessible.name: qsTr("Zoom out")
                text: "−"
                enabled: view.zoom > 1
                onClicked: view.zoom = Math.max(1, view.zoom / 2)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Zoom out")
            }
            ToolButton {
                text: qsTr("Fit")
                enabled: view.zoom !== 1
                onClicked: view.zoom = 1
            }
            ToolButton {
                Accessible.name: qsTr("Zoom in")
                text: "+"
                enabled: view.zoom < 16
                onClicked: view.zoom = Math.min(16, view.zoom * 2)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Zoom in")
            }
        }
    }
}
