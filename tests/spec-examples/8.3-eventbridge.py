from datetime import datetime
from typing import Dict, Any

# @depyler: event_type = "EventBridgeEvent<OrderEvent>"
# @depyler: custom_serialization = true
def handler(event: Dict[str, Any], context) -> None:
    detail = event['detail']
    
    # Pattern matching on event detail-type
    if event['detail-type'] == 'Order Placed':
        handle_order_placed(
            order_id=detail['orderId'],
            customer_id=detail['customerId'],
            amount=detail['amount'],
            timestamp=event['time']
        )
    elif event['detail-type'] == 'Order Cancelled':
        handle_order_cancelled(detail['orderId'])
