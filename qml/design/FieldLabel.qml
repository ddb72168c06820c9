import QtQuick
import QtQuick.Controls
import Signalbox

// A caption above an inspector field.
Label {
    font.pixelSize: Theme.smallFontSize
    font.bold: true
    color: Theme.textMuted
    topPadding: 6
}
