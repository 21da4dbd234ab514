import { roles } from '../identity/principal.ts';
import { entry } from './entry.ts';

/**
 * Vai trò: the roles of the JWT, in the words of an agency's organisation chart. Apart from the rest of the
 * vocabulary because every route names them when it refuses a caller (layers/http/messages.ts).
 */
export const roleVocabulary = entry(roles, 'Vai trò của người dùng', {
  clerk: 'Văn thư',
  leader: 'Lãnh đạo',
  specialist: 'Chuyên viên',
  admin: 'Quản trị cơ quan',
  'city-admin': 'Quản trị thành phố',
});
