// DiagramStyle: how the flowchart looks, written once for the canvas (QML) and the exported PNG /
// SVG (DiagramRenderer): each state type's row (colour, icon, outline, labels, the inspector's
// sections; the one place for type colours), the badge icons, the colours of the diagram in light
// and dark, and the fonts of edge labels. Icons are 24×24 stroke drawings in SVG path syntax: QML
// draws them with PathSvg (qml/components/Icon.qml), the renderer with QSvgRenderer (paintIcon),
// so both draw the same strokes. QML reads the type rows through the StateTypes singleton
// (statetypesobject.h) and the diagram colours through DiagramStyle (Theme.diagram).
#pragma once

#include "nodegeometry.h"

#include "signalbox/definition.h"

#include <QColor>
#include <QFont>
#include <QObject>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QPainter;

namespace Signalbox {

struct DiagramPalette
{
    QColor canvas;
    QColor canvasDot;
    QColor nodeFill;
    QColor nodeBorder;
    QColor text;
    QColor textMuted;
    QColor edge;
    QColor edgeCatch;
    QColor success;
};

namespace DiagramStyle {

enum class Badge { Retry, Catch, Timeout };

// How one state type is shown.
struct TypeStyle
{
    StateType type;
    QColor color;
    QString icon; // 24×24 stroke icon, SVG path data
    NodeShape shape;
    QString label;        // "Wait for event": the inspector's title, the stem of new names
    QString paletteLabel; // "Approval": the palette's and the state list's name
    QString hint;         // the palette's tooltip
    QStringList sections; // the inspector's type sections ("run", "choices", "event"...)
};
const TypeStyle &typeStyle(StateType type);

QColor typeColor(StateType type);
QString typeIcon(StateType type); // 24×24 stroke icon, SVG path data
QString badgeIcon(Badge badge);
DiagramPalette palette(bool dark);
// A timeout badge's text: "90 s", "5 min", "2 h", "1 d".
QString durationText(int seconds);

// Font sizes in pixels (Theme.fontSize and Theme.smallFontSize read these).
constexpr int fontSize = 13;
constexpr int smallFontSize = 11;
// The canvas's monospace family (choice conditions, code); Theme.monoFont reads it.
QString monoFamily();
// The font of an edge label: conditions in monospace, the rest in the UI font.
QFont edgeLabelFont(bool mono);

// A node's badges on its top edge (NodeDelegate with Badge.qml): retry, catch and timeout, right
// aligned, in scene coordinates.
struct BadgeBox
{
    Badge badge;
    QString text;
    QRectF rect;
};
QFont badgeFont();
constexpr qreal badgeIconSize = 11;
QList<BadgeBox> badges(const State &state, const QRectF &rect, bool diamond);

// Draws a 24×24 stroke icon into `box` as qml/components/Icon.qml does (round caps and joins,
// the stroke scaled with the icon).
void paintIcon(QPainter *painter, const QString &svgPath, const QRectF &box, const QColor &color,
               qreal strokeWidth);

} // namespace DiagramStyle

// The QML face of DiagramStyle: fonts, badges and the diagram's colours (state types are the
// StateTypes singleton's).
class DiagramStyleObject : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(DiagramStyle)
    QML_SINGLETON
    Q_PROPERTY(int fontSize READ fontSize CONSTANT)
    Q_PROPERTY(int smallFontSize READ smallFontSize CONSTANT)
    Q_PROPERTY(QString monoFamily READ monoFamily CONSTANT)

public:
    explicit DiagramStyleObject(QObject *parent = nullptr);

    int fontSize() const { return DiagramStyle::fontSize; }
    int smallFontSize() const { return DiagramStyle::smallFontSize; }
    QString monoFamily() const { return DiagramStyle::monoFamily(); }

    Q_INVOKABLE QString badgeIcon(const QString &badge) const; // "retry", "catch", "timeout"
    // {canvas, canvasDot, nodeFill, nodeBorder, text, textMuted, edge, edgeCatch, success}
    Q_INVOKABLE QVariantMap palette(bool dark) const;
    Q_INVOKABLE QString durationText(int seconds) const;
};

} // namespace Signalbox
