/** Word lists generated values are drawn from, modelled on the published examples. */

/** Real DRS regions (REFERENCE §11), weighted by list repetition towards the big ones. */
export const REGIONS = [
  'cn-north-4',
  'cn-north-4',
  'cn-east-3',
  'cn-south-1',
  'ap-southeast-1',
  'ap-southeast-1',
  'ap-southeast-3',
  'eu-west-101',
  'af-south-1',
  'la-south-2',
  'tr-west-1',
] as const;

/** Name tails like the examples' `DRS-3999-lws` and `DRS-0042-linxiaolu`. */
export const NAME_TAILS = [
  'lws',
  'linxiaolu',
  'zhangwei',
  'wangfang',
  'ops',
  'prod',
  'orders',
  'billing',
  'crm',
  'erp',
  'dba',
  'mig',
  'sync',
  'dr',
  'uat',
  'test',
] as const;

export const DESCRIPTIONS = [
  'Migrate the order database to the cloud',
  'Real-time sync of the billing schema',
  'DR for the core trading system',
  'CDC feed for the analytics topic',
  'Temporary task for the UAT cut-over',
] as const;

/** Schema / database names for object_infos and struct-detail. */
export const DATABASES = [
  'orders',
  'billing',
  'crm',
  'inventory',
  'payment',
  'user_center',
  'logistics',
  'report',
  'audit',
  'test',
] as const;

export const TABLES = [
  'order_info',
  'order_item',
  'customer',
  'customer_address',
  'product',
  'product_sku',
  'payment_record',
  'invoice',
  'refund',
  'shipment',
  'warehouse_stock',
  'coupon',
  'user_account',
  'user_login_log',
  'audit_event',
  't_config',
  't_dict',
  'settlement_daily',
] as const;

export const VIEW_PREFIXES = ['v_', 'vw_'] as const;
export const PROCEDURE_PREFIXES = ['sp_', 'proc_'] as const;
export const OBJECT_VERBS = ['sync', 'refresh', 'archive', 'summary', 'cleanup', 'calc', 'report'] as const;

export const TAG_KEYS = ['env', 'owner', 'team', 'cost_center', 'app', 'project'] as const;
export const TAG_VALUES = ['prod', 'uat', 'dev', 'dba', 'finance', 'trade', 'bigdata', 'cc-1024', 'mall'] as const;

export const SMN_EMAILS = ['dba@example.com', 'ops-oncall@example.com', 'zhang.wei@example.com'] as const;
export const SMN_PHONES = ['+86-13800000001', '+86-13900000002', '+65-80000003'] as const;

export const KAFKA_TOPICS = ['drs_cdc_orders', 'drs_cdc_billing', 'binlog.topic', 'ods_sync'] as const;
