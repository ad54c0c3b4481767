import json
from typing import Dict, Any

# @depyler: event_type = "APIGatewayProxyRequest"
# @depyler: cold_start_optimize = true
def handler(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    try:
        body = json.loads(event.get('body', '{}'))
        user_id = event['pathParameters']['userId']
        
        # Business logic
        result = process_user_request(user_id, body)
        
        return {
            'statusCode': 200,
            'headers': {
                'Content-Type': 'application/json',
                'X-Request-Id': context.request_id
            },
            'body': json.dumps({'result': result})
        }
    except KeyError as e:
        return {
            'statusCode': 400,
            'body': json.dumps({'error': f'Missing parameter: {e}'})
        }

def process_user_request(user_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
    # Simulate processing
    return {
        'userId': user_id,
        'processed': True,
        'timestamp': 1234567890
    }
