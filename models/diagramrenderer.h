// DiagramRenderer: draws a workflow's flowchart with QPainter as the canvas draws it (the
// designer's NodeDelegate, ContainerFrame, EdgeDelegate and Badge, unselected): the same node
// shapes and sizes (nodegeometry), icons and colours (diagramstyle), edge curves and label places
// (EdgesModel), parallel and map states as containers with their branches; into a PNG (QImage)
// or an SVG (QSvgGenerator). Used by the designer's Export and by `signalbox export --to
// png|svg`. Needs a QGuiApplication (fonts); the offscreen platform is enough.
#pragma once

#include "signalbox/definition.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QString>

class QPainter;

namespace Signalbox {

class WorkflowDocument;
struct DiagramPalette;
struct SceneNode;

struct DiagramOptions
{
    bool dark = false;
    qreal scale = 2.0; // PNG pixels per scene unit (crisp on high-DPI screens)
    qreal margin = 32;
};

class DiagramRenderer
{
public:
    using Options = DiagramOptions;

    explicit DiagramRenderer(const WorkflowDocument &document, Options options = DiagramOptions());

    QRectF sceneRect() const; // everything drawn, with the margin
    QImage toImage() const;
    QByteArray toSvg() const;
    void paint(QPainter *painter) const;

    // For the command line: renders `definition` (positions from its layout, else auto-layout)
    // as "png" or "svg". Returns false with `error` set on failure.
    static bool render(const Definition &definition, const QString &format, QByteArray *data,
                       QString *error);
    // Where a node's type icon is drawn (empty on a diamond, which shows none).
    static QRectF iconRect(const SceneNode &node);

private:
    void paintNode(QPainter *painter, const SceneNode &node, const DiagramPalette &pal) const;
    // An expanded parallel / map state: a frame with a header and one lane per branch.
    void paintContainer(QPainter *painter, const SceneNode &node, const DiagramPalette &pal) const;
    void paintBadges(QPainter *painter, const SceneNode &node, const DiagramPalette &pal) const;
    void paintStartMarker(QPainter *painter, const QRectF &rect, const DiagramPalette &pal) const;

    const WorkflowDocument &m_document;
    Options m_options;
};

} // namespace Signalbox
