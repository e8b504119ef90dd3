import Taro from '@tarojs/taro';
import { NetworkError } from '../../lib/api';
import { session } from '../../state/session';

/**
 * Sends one photo to a complaint of the signed-in customer as the multipart form the server
 * takes (field `file`); Taro.uploadFile works the same on weapp, alipay and h5. A refusal
 * (wrong type, too large) is an Error with the server's localised message.
 */
export async function uploadComplaintPhoto(complaintId: string, filePath: string): Promise<void> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}/api/customer/complaints/${complaintId}/attachments`,
      filePath,
      name: 'file',
      header: { authorization: `Bearer ${session.get().token ?? ''}` },
    });
  } catch (e) {
    throw new NetworkError((e as { errMsg?: string }).errMsg ?? String(e));
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return;
  let detail = `HTTP ${res.statusCode}`;
  try {
    detail = (JSON.parse(String(res.data)) as { detail?: string }).detail ?? detail;
  } catch {}
  throw new Error(detail);
}
