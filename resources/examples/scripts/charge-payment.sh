#!/bin/sh
# Charges the payment. The task token is stable per attempt, so it doubles as an idempotency key.
cat > /dev/null
printf '{"chargeId":"ch-%s","status":"charged","attempt":%s}' \
    "$(printf '%s' "$SIGNALBOX_TASK_TOKEN" | cut -c1-12)" "${SIGNALBOX_ATTEMPT:-1}"
