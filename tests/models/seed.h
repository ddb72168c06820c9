// The seed workflow (order-approval), shared by the model tests.
#pragma once

static const char seedYaml[] = R"(workflow:
  name: order-approval
  start_at: validate-order
  states:
    validate-order: {type: task, next: needs-review}
    needs-review:
      type: choice
      when:
        requiresManualReview: wait-for-review
      default: charge-payment
    wait-for-review: {type: wait_for_event, next: charge-payment}
    charge-payment:
      type: task
      retry: {attempts: 3, backoff: exponential}
      next: create-shipment
    create-shipment: {type: task, end: true}
)";
