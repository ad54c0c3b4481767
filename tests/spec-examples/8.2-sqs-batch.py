import json
from typing import List, Dict

# @depyler: event_type = "SqsEvent"
# @depyler: batch_failure_reporting = true
def handler(event: Dict, context) -> Dict:
    batch_item_failures = []
    
    for record in event['Records']:
        try:
            message = json.loads(record['body'])
            process_message(message)
        except Exception as e:
            batch_item_failures.append({
                'itemIdentifier': record['messageId']
            })
    
    return {
        'batchItemFailures': batch_item_failures
    }

def process_message(message: Dict) -> None:
    # Process individual message
    if message.get('type') == 'order':
        process_order(message['data'])
