#include "navigableview.h"

#include <QCursor>
#include <QPainter>
#include <QtMath>

namespace Signalbox {

NavigableView::NavigableView(QQuickItem *parent)
    : QQuickPaintedItem(parent)
    , m_content(new QQuickItem(this))
{
    m_content->setTransformOrigin(QQuickItem::TopLeft);
    setFlag(ItemClipsChildrenToShape);
    setClip(true);
    setAcceptedMouseButtons(Qt::LeftButton | Qt::MiddleButton);
    setActiveFocusOnTab(true);
    connect(this, &NavigableView::viewChanged, this, [this] { update(); });
    connect(this, &NavigableView::appearanceChanged, this, [this] { update(); });
}

QQmlListProperty<QObject> NavigableView::contentData()
{
    return QQmlListProperty<QObject>(this, nullptr, &NavigableView::appendContent,
                                     &NavigableView::contentCount, &NavigableView::contentAt,
                                     nullptr);
}

void NavigableView::appendContent(QQmlListProperty<QObject> *list, QObject *object)
{
    auto *view = static_cast<NavigableView *>(list->object);
    view->m_contentData.append(object);
    object->setParent(view->m_content);
    if (auto *item = qobject_cast<QQuickItem *>(object))
        item->setParentItem(view->m_content);
}

qsizetype NavigableView::contentCount(QQmlListProperty<QObject> *list)
{
    return static_cast<NavigableView *>(list->object)->m_contentData.size();
}

QObject *NavigableView::contentAt(QQmlListProperty<QObject> *list, qsizetype index)
{
    return static_cast<NavigableView *>(list->object)->m_contentData.value(index);
}

void NavigableView::setZoom(qreal zoom)
{
    zoomAt(zoom / m_zoom, QPointF(width() / 2, height() / 2));
}

void NavigableView::setOffset(const QPointF &offset)
{
    if (m_offset == offset)
        return;
    m_offset = offset;
    applyTransform();
}

void NavigableView::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        emit viewChanged();
}

QRectF NavigableView::visibleRect() const
{
    return QRectF(mapToContent(QPointF(0, 0)), mapToContent(QPointF(width(), height())));
}

void NavigableView::zoomAt(qreal factor, const QPointF &viewPoint)
{
    const qreal zoom = std::clamp(m_zoom * factor, m_minZoom, m_maxZoom);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    // Keep the content point under `viewPoint` where it is.
    const QPointF contentPoint = mapToContent(viewPoint);
    m_zoom = zoom;
    m_offset = viewPoint - contentPoint * m_zoom;
    applyTransform();
}

void NavigableView::zoomIn()
{
    zoomAt(1.25, QPointF(width() / 2, height() / 2));
}

void NavigableView::zoomOut()
{
    zoomAt(0.8, QPointF(width() / 2, height() / 2));
}

void NavigableView::resetZoom()
{
    zoomAt(1.0 / m_zoom, QPointF(width() / 2, height() / 2));
}

void NavigableView::fitTo(const QRectF &contentRect, qreal margin, qreal maxFitZoom)
{
    if (contentRect.isEmpty() || width() <= 2 * margin || height() <= 2 * margin)
        return;
    const qreal zoom = std::clamp(std::min((width() - 2 * margin) / contentRect.width(),
                                           (height() - 2 * margin) / contentRect.height()),
                                  m_minZoom, std::min(m_maxZoom, maxFitZoom));
    m_zoom = zoom;
    m_offset = QPointF(width() / 2, height() / 2) - contentRect.center() * zoom;
    applyTransform();
}

void NavigableView::centerOn(const QPointF &contentPoint)
{
    setOffset(QPointF(width() / 2, height() / 2) - contentPoint * m_zoom);
}

void NavigableView::ensureVisible(const QRectF &contentRect, qreal margin)
{
    const QRectF view = visibleRect().adjusted(margin / m_zoom, margin / m_zoom, -margin / m_zoom,
                                               -margin / m_zoom);
    QPointF shift;
    if (contentRect.left() < view.left())
        shift.setX(view.left() - contentRect.left());
    else if (contentRect.right() > view.right())
        shift.setX(view.right() - contentRect.right());
    if (contentRect.top() < view.top())
        shift.setY(view.top() - contentRect.top());
    else if (contentRect.bottom() > view.bottom())
        shift.setY(view.bottom() - contentRect.bottom());
    if (!shift.isNull())
        setOffset(m_offset + shift * m_zoom);
}

QPointF NavigableView::mapToContent(const QPointF &viewPoint) const
{
    return (viewPoint - m_offset) / m_zoom;
}

QPointF NavigableView::mapFromContent(const QPointF &contentPoint) const
{
    return contentPoint * m_zoom + m_offset;
}

void NavigableView::paint(QPainter *painter)
{
    painter->fillRect(QRectF(0, 0, width(), height()), m_backgroundColor);
    const qreal step = m_gridSpacing * m_zoom;
    if (step < 6)
        return; // too dense to help
    const qreal radius = std::clamp(m_zoom, 0.8, 1.6);
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_gridColor);
    const qreal x0 = std::fmod(m_offset.x(), step) - step;
    const qreal y0 = std::fmod(m_offset.y(), step) - step;
    for (qreal y = y0; y < height() + step; y += step)
        for (qreal x = x0; x < width() + step; x += step)
            painter->drawRect(QRectF(x - radius / 2, y - radius / 2, radius, radius));
}

void NavigableView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier) {
        setOffset(m_offset + QPointF(angle.y(), angle.x()) * 0.5);
    } else if (angle.y() != 0) {
        zoomAt(qPow(1.0015, angle.y()), event->position());
    } else if (angle.x() != 0) {
        setOffset(m_offset + QPointF(angle.x() * 0.5, 0));
    }
    event->accept();
}

void NavigableView::mousePressEvent(QMouseEvent *event)
{
    forceActiveFocus(Qt::MouseFocusReason);
    m_pressPos = event->position();
    m_pressOffset = m_offset;
    m_moved = false;
    m_drag = event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier)
                 ? Drag::Band
                 : Drag::Pan;
    event->accept();
}

void NavigableView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF delta = event->position() - m_pressPos;
    if (!m_moved && delta.manhattanLength() < 4)
        return;
    m_moved = true;
    if (m_drag == Drag::Pan) {
        setCursor(Qt::ClosedHandCursor);
        setOffset(m_pressOffset + delta);
    } else if (m_drag == Drag::Band) {
        m_rubberBand
            = QRectF(mapToContent(m_pressPos), mapToContent(event->position())).normalized();
        emit rubberBandChanged();
    }
    event->accept();
}

void NavigableView::mouseReleaseEvent(QMouseEvent *event)
{
    unsetCursor();
    const int modifiers = int(event->modifiers());
    if (!m_moved) {
        emit backgroundClicked(mapToContent(event->position()), modifiers);
    } else if (m_drag == Drag::Band) {
        const QRectF band = m_rubberBand;
        m_rubberBand = {};
        emit rubberBandChanged();
        emit rubberBandFinished(band, modifiers);
    }
    m_drag = Drag::None;
    event->accept();
}

void NavigableView::applyTransform()
{
    m_content->setScale(m_zoom);
    m_content->setPosition(m_offset);
    emit viewChanged();
}

} // namespace Signalbox
