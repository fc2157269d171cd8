// Browser code: keeps the token where any injected script can read it.
export async function login(email, password) {
  const response = await fetch('https://api.example.com/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = await response.json();
  localStorage.setItem('accessToken', accessToken);
  return accessToken;
}
