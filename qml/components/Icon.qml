pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes

// A 24×24 stroke icon drawn from an SVG path, scaled to `size`. The paths of the state type and
// badge icons come from models/diagramstyle.cpp (QML reads them as StateTypes.icon and
// DiagramStyle.badgeIcon), and the PNG/SVG export draws them the same way
// (DiagramStyle::paintIcon: round caps and joins).
Item {
    id: icon

    property string path
    property color color: "black"
    property real size: 20
    property real strokeWidth: 1.8

    implicitWidth: size
    implicitHeight: size

    Shape {
        anchors.centerIn: parent
        width: 24
        height: 24
        scale: icon.size / 24
        antialiasing: true

        ShapePath {
            strokeColor: icon.color
            strokeWidth: icon.strokeWidth
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: icon.path }
        }
    }
}
