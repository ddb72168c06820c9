// NavigableView: the canvas viewport. Pans and zooms its content (declared as QML children) about
// a point, within limits, fits a rectangle, and paints the dotted grid behind the content.
// Presses on the empty background pan (or, with Shift, draw a rubber band) and are reported in
// content coordinates, so QML never does the transform maths.
#pragma once

#include <QPointF>
#include <QQmlListProperty>
#include <QQuickPaintedItem>
#include <QRectF>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class NavigableView : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_CLASSINFO("DefaultProperty", "contentData")
    Q_PROPERTY(QQmlListProperty<QObject> contentData READ contentData CONSTANT)
    Q_PROPERTY(QQuickItem *contentItem READ contentItem CONSTANT)
    Q_PROPERTY(qreal zoom READ zoom WRITE setZoom NOTIFY viewChanged)
    Q_PROPERTY(qreal minZoom MEMBER m_minZoom NOTIFY limitsChanged)
    Q_PROPERTY(qreal maxZoom MEMBER m_maxZoom NOTIFY limitsChanged)
    Q_PROPERTY(QPointF offset READ offset WRITE setOffset NOTIFY viewChanged)
    Q_PROPERTY(QRectF visibleRect READ visibleRect NOTIFY viewChanged)
    Q_PROPERTY(qreal gridSpacing MEMBER m_gridSpacing NOTIFY appearanceChanged)
    Q_PROPERTY(QColor gridColor MEMBER m_gridColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor backgroundColor MEMBER m_backgroundColor NOTIFY appearanceChanged)
    Q_PROPERTY(QRectF rubberBand READ rubberBand NOTIFY rubberBandChanged)

public:
    explicit NavigableView(QQuickItem *parent = nullptr);

    QQmlListProperty<QObject> contentData();
    QQuickItem *contentItem() const { return m_content; }
    qreal zoom() const { return m_zoom; }
    void setZoom(qreal zoom);
    QPointF offset() const { return m_offset; }
    void setOffset(const QPointF &offset);
    QRectF visibleRect() const;
    QRectF rubberBand() const { return m_rubberBand; }

    Q_INVOKABLE void zoomAt(qreal factor, const QPointF &viewPoint);
    Q_INVOKABLE void zoomIn();
    Q_INVOKABLE void zoomOut();
    Q_INVOKABLE void resetZoom();
    // Shows `contentRect` whole, centred, never zooming in beyond `maxFitZoom`.
    Q_INVOKABLE void fitTo(const QRectF &contentRect, qreal margin = 48, qreal maxFitZoom = 1.0);
    Q_INVOKABLE void centerOn(const QPointF &contentPoint);
    // Scrolls the least amount that brings `contentRect` into view.
    Q_INVOKABLE void ensureVisible(const QRectF &contentRect, qreal margin = 32);
    Q_INVOKABLE QPointF mapToContent(const QPointF &viewPoint) const;
    Q_INVOKABLE QPointF mapFromContent(const QPointF &contentPoint) const;

    void paint(QPainter *painter) override;

signals:
    void viewChanged();
    void limitsChanged();
    void appearanceChanged();
    void rubberBandChanged();
    // A click (press and release without moving) on the empty background.
    void backgroundClicked(QPointF contentPoint, int modifiers);
    void rubberBandFinished(QRectF contentRect, int modifiers);

protected:
    // The visible rectangle follows the item's size: delegates culled against it must see the
    // first real size (an empty canvas at start-up until the first pan, before).
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void applyTransform();
    static void appendContent(QQmlListProperty<QObject> *list, QObject *object);
    static qsizetype contentCount(QQmlListProperty<QObject> *list);
    static QObject *contentAt(QQmlListProperty<QObject> *list, qsizetype index);

    QQuickItem *m_content = nullptr;
    QList<QObject *> m_contentData;
    qreal m_zoom = 1.0;
    qreal m_minZoom = 0.1;
    qreal m_maxZoom = 4.0;
    QPointF m_offset;
    qreal m_gridSpacing = 16;
    QColor m_gridColor{0, 0, 0, 40};
    QColor m_backgroundColor{Qt::white};
    enum class Drag { None, Pan, Band } m_drag = Drag::None;
    QPointF m_pressPos;
    QPointF m_pressOffset;
    bool m_moved = false;
    QRectF m_rubberBand;
};

} // namespace Signalbox
