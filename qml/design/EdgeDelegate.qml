pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Shapes
import Signalbox

// One transition: a curve with an arrowhead and, for choices and catches, a label in a pill. All
// geometry comes from EdgesModel (computed in C++): the curve, and the pill's place and size,
// measured with the font it is drawn with here, so that it covers no node and no other edge.
Item {
    id: edge

    required property int index
    required property string fromName
    required property string toName
    required property string kind
    required property string label
    required property string path
    required property string arrow
    required property rect labelRect
    required property font labelFont
    required property bool dashed
    required property bool selected
    required property rect bounds
    // The visible part of the scene; edges outside it are not drawn (500-state workflows).
    property rect viewport: Qt.rect(-1e6, -1e6, 2e6, 2e6)

    readonly property color strokeColor: selected ? Theme.selection
                                       : kind === "catch" ? Theme.edgeCatch : Theme.edge

    objectName: "edge:" + fromName + ">" + toName
    visible: bounds.x + bounds.width >= viewport.x && bounds.x <= viewport.x + viewport.width
             && bounds.y + bounds.height >= viewport.y && bounds.y <= viewport.y + viewport.height

    Shape {
        antialiasing: true
        ShapePath {
            strokeColor: edge.strokeColor
            strokeWidth: edge.selected ? 2.5 : 1.6
            fillColor: "transparent"
            strokeStyle: edge.dashed ? ShapePath.DashLine : ShapePath.SolidLine
            dashPattern: [4, 3]
            capStyle: ShapePath.RoundCap
            PathSvg { path: edge.path }
        }
        ShapePath {
            strokeColor: edge.strokeColor
            strokeWidth: 1
            fillColor: edge.strokeColor
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: edge.arrow }
        }
    }

    Rectangle {
        visible: edge.label !== ""
        x: edge.labelRect.x
        y: edge.labelRect.y
        width: edge.labelRect.width
        height: edge.labelRect.height
        radius: height / 2
        color: Theme.nodeFill
        border.color: edge.selected ? Theme.selection
                    : edge.kind === "catch" ? Theme.edgeCatch : Theme.nodeBorder
        Label {
            id: labelText
            anchors.centerIn: parent
            text: edge.label
            font: edge.labelFont
            color: edge.kind === "catch" ? Theme.edgeCatch : Theme.textMuted
        }
    }
}
